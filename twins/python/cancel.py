"""Task.cancel(): CancelledError is raised at the task's await."""

# ANCHOR: body
import asyncio


async def worker():
    try:
        print("worker waits")
        await asyncio.sleep(10)
        print("worker finished")
    finally:  # CancelledError passes through here
        print("worker cleans up")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
        print("main: the task ended another way")
    except asyncio.CancelledError:
        print("main: the task was cancelled")


asyncio.run(main())
# ANCHOR_END: body
