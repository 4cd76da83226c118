"""asyncio.Barrier (3.11): wait until n tasks have arrived."""

# ANCHOR: body
import asyncio


async def main():
    barrier = asyncio.Barrier(3)

    async def task(n):
        print(f"task {n} arrives")
        # wait() hands out 0 to 2: exactly one task gets 0.
        if await barrier.wait() == 0:
            print("all three are here")

    await asyncio.gather(*(task(n) for n in range(1, 4)))


asyncio.run(main())
# ANCHOR_END: body
