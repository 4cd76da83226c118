"""asyncio.run_coroutine_threadsafe: hand a coroutine to a loop from a thread."""

# ANCHOR: body
import asyncio


async def double(n):
    await asyncio.sleep(0)
    return n * 2


async def main():
    loop = asyncio.get_running_loop()

    def from_thread():
        # Not a coroutine: a plain thread may block on the loop's work.
        future = asyncio.run_coroutine_threadsafe(double(21), loop)
        return future.result(timeout=5)

    answer = await asyncio.to_thread(from_thread)
    print(f"the thread got {answer}")


asyncio.run(main())
# ANCHOR_END: body
