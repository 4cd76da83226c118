"""asyncio.to_thread (3.9) / run_in_executor: blocking code on a thread."""

# ANCHOR: body
import asyncio
import threading


async def main():
    go = threading.Event()

    def blocking():
        # Blocks its own thread, not the loop's.
        if not go.wait(timeout=5):
            raise TimeoutError("never told to go")
        return "blocking work done"

    task = asyncio.create_task(asyncio.to_thread(blocking))
    await asyncio.sleep(0)
    print("the runtime is free while the thread blocks")
    go.set()
    print(await task)


asyncio.run(main())
# ANCHOR_END: body
