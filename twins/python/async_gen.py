"""Async generators and async for."""

# ANCHOR: body
import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0)
        yield n
        n -= 1


async def main():
    async for n in countdown(3):
        print(n)
    doubled = [n * 2 async for n in countdown(3)]
    print(f"doubled: {doubled}")
    print("liftoff")


asyncio.run(main())
# ANCHOR_END: body
