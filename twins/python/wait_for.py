"""asyncio.wait_for: await with a limit; the awaitable is cancelled."""

# ANCHOR: body
import asyncio


async def quick():
    await asyncio.sleep(0)
    return "quick answer"


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.02)
        print("finished")
    except TimeoutError:  # since 3.11 the same class as asyncio.TimeoutError
        print("timed out")
    try:
        print(await asyncio.wait_for(quick(), timeout=5))
    except TimeoutError:
        print("timed out")


asyncio.run(main())
# ANCHOR_END: body
