"""asyncio.Condition: wait, under a lock, until the state is right."""

# ANCHOR: body
import asyncio


async def main():
    items = []
    changed = asyncio.Condition()

    async def consumer():
        async with changed:
            while not items:
                print("consumer waits")
                await changed.wait()  # lets go of the lock while waiting
            print(f"consumer got {items.pop()}")

    task = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with changed:
        items.append("parcel")
        print("producer notifies")
        changed.notify()
    await task


asyncio.run(main())
# ANCHOR_END: body
