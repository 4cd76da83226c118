"""asyncio.Lock: one task at a time in the block, across awaits."""

# ANCHOR: body
import asyncio

total = 0


async def add(name, lock):
    global total
    async with lock:
        print(f"{name} holds the lock")
        seen = total
        await asyncio.sleep(0)  # others run, but cannot get in
        total = seen + 1
        print(f"{name} lets go")


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(add("a", lock))
    b = asyncio.create_task(add("b", lock))
    await a
    await b
    print(f"total {total}")


asyncio.run(main())
# ANCHOR_END: body
