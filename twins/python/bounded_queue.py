"""asyncio.Queue(maxsize=2): put() waits while the queue is full."""

# ANCHOR: body
import asyncio


async def main():
    queue = asyncio.Queue(maxsize=2)

    async def producer():
        for item in range(1, 5):
            await queue.put(item)  # waits when full
            print(f"put {item}")
        await queue.put(None)  # "no more": a value of our choosing

    task = asyncio.create_task(producer())
    # The producer fills the two places, then waits for room.
    await asyncio.sleep(0)
    while (item := await queue.get()) is not None:
        print(f"got {item}")
    await task


asyncio.run(main())
# ANCHOR_END: body
