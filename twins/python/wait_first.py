"""asyncio.wait(FIRST_COMPLETED): the first done; the rest keep running."""

# ANCHOR: body
import asyncio


async def work(name, ms):
    await asyncio.sleep(ms / 1000)
    return name


async def main():
    tasks = {asyncio.create_task(work("fast", 10)), asyncio.create_task(work("slow", 10_000))}
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("winner:", done.pop().result())
    for task in pending:  # wait() cancels nothing: that is our job
        task.cancel()
    print("the other one is cancelled")


asyncio.run(main())
# ANCHOR_END: body
