"""An async callback: an async def, since a lambda cannot be async."""

# ANCHOR: body
import asyncio


async def retry(attempts, op):
    for attempt in range(1, attempts + 1):
        try:
            return await op()
        except ValueError as error:
            print(f"attempt {attempt} failed: {error}")
            last = error
    raise last


async def main():
    calls = 0

    async def flaky():
        nonlocal calls
        calls += 1
        if calls < 3:
            raise ValueError(f"not yet ({calls})")
        return f"done after {calls} calls"

    print(await retry(5, flaky))
    print(f"calls: {calls}")


asyncio.run(main())
# ANCHOR_END: body
