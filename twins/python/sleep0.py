"""await asyncio.sleep(0): give the loop back for one round."""

# ANCHOR: body
import asyncio


async def count(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)  # let the other task run


async def main():
    a = asyncio.create_task(count("a"))
    b = asyncio.create_task(count("b"))
    await a
    await b


asyncio.run(main())
# ANCHOR_END: body
