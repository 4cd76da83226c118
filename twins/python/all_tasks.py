"""asyncio.all_tasks() and Task.done(): what is still running."""

# ANCHOR: body
import asyncio


async def main():
    quick = asyncio.create_task(asyncio.sleep(0))
    slow = asyncio.create_task(asyncio.sleep(10))
    print(f"tasks alive besides main: {len(asyncio.all_tasks()) - 1}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # sleep(0) itself takes one more round
    print(f"quick finished? {str(quick.done()).lower()}")
    print(f"slow finished? {str(slow.done()).lower()}")
    slow.cancel()
    await asyncio.gather(slow, return_exceptions=True)
    print(f"tasks alive besides main: {len(asyncio.all_tasks()) - 1}")


asyncio.run(main())
# ANCHOR_END: body
