"""loop.create_future(): a placeholder someone sets later."""

# ANCHOR: body
import asyncio


async def show(result):
    try:
        print(f"got: {await result}")
    except OSError as error:
        print(f"error: {error}")
    except asyncio.CancelledError:
        print("nobody will set it")


async def main():
    loop = asyncio.get_running_loop()
    result = loop.create_future()
    loop.call_soon(result.set_result, "ready")
    await show(result)

    result = loop.create_future()
    loop.call_soon(result.set_exception, OSError("disk full"))
    await show(result)

    result = loop.create_future()
    result.cancel()  # the nearest to "nobody will set it"
    await show(result)


asyncio.run(main())
# ANCHOR_END: body
