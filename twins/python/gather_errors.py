"""gather(return_exceptions=True): exceptions come back as results."""

# ANCHOR: body
import asyncio


async def parse(text):
    await asyncio.sleep(0)
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"not a number: {text}") from None


async def main():
    results = await asyncio.gather(
        parse("1"), parse("x"), parse("3"), return_exceptions=True
    )
    for result in results:
        if isinstance(result, Exception):
            print(f"error {result}")
        else:
            print(f"ok {result}")


asyncio.run(main())
# ANCHOR_END: body
