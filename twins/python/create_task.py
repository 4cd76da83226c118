"""create_task schedules a coroutine at once; a bare coroutine waits."""

# ANCHOR: body
import asyncio


async def job(name):
    print(f"{name} starts")
    await asyncio.sleep(0)
    print(f"{name} ends")


async def main():
    task = asyncio.create_task(job("task"))
    print("task created")
    # The task runs when main gives the loop back.
    await asyncio.sleep(0)
    print("main awaits the task")
    await task

    future = job("future")  # a coroutine object: nothing ran yet
    print("future made, nothing ran")
    await future


asyncio.run(main())
# ANCHOR_END: body
