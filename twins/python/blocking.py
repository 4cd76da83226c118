"""time.sleep in a coroutine: the whole loop stops, not just this task."""

# ANCHOR: body
import asyncio
import time


async def other():
    print("other task ran")


async def main():
    task = asyncio.create_task(other())
    time.sleep(0.02)  # blocks: other cannot run
    print("blocking sleep over")
    await task

    task = asyncio.create_task(other())
    await asyncio.sleep(0.02)  # gives the loop back
    print("async sleep over")
    await task


asyncio.run(main())
# ANCHOR_END: body
