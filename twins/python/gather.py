"""asyncio.gather: run awaitables together, results in the order given."""

# ANCHOR: body
import asyncio


async def fetch(name, ms):
    await asyncio.sleep(ms / 1000)
    print(f"{name} done")
    return name.upper()


async def main():
    slow, fast = await asyncio.gather(fetch("slow", 150), fetch("fast", 10))
    print(f"{slow}, {fast}")
    results = await asyncio.gather(*[fetch("a", 100), fetch("b", 10)])
    print(", ".join(results))


asyncio.run(main())
# ANCHOR_END: body
