"""asyncio.as_completed: results in the order they finish."""

# ANCHOR: body
import asyncio


async def work(name, ms):
    await asyncio.sleep(ms / 1000)
    return name


async def main():
    for next_done in asyncio.as_completed([work("a", 120), work("b", 10), work("c", 60)]):
        print(await next_done, "finished")


asyncio.run(main())
# ANCHOR_END: body
