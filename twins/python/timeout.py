"""asyncio.timeout (3.11): a deadline for a block of code."""

# ANCHOR: body
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.02):
            await asyncio.sleep(0)
            print("step 1 done")
            await asyncio.sleep(10)
            print("step 2 done")
    except TimeoutError:
        print("timed out during step 2")


asyncio.run(main())
# ANCHOR_END: body
