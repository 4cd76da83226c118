"""asyncio.Event: set() wakes every waiter, and stays set."""

# ANCHOR: body
import asyncio


async def main():
    event = asyncio.Event()

    async def waiter(n):
        await event.wait()
        return n

    waiters = [asyncio.create_task(waiter(n)) for n in (1, 2)]
    await asyncio.sleep(0)  # both are waiting now
    print("setting the event")
    event.set()
    for n in await asyncio.gather(*waiters):
        print(f"waiter {n} woke")
    await event.wait()
    print("a late waiter does not wait")


asyncio.run(main())
# ANCHOR_END: body
