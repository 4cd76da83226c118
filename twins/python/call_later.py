"""loop.call_later: a plain callback, called after a delay."""

# ANCHOR: body
import asyncio


def ring(name, done):
    print(f"timer {name} fired")
    done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_later(0.01, ring, "first", done)
    second = loop.call_later(0.02, ring, "second", done)
    second.cancel()
    print("second timer cancelled")
    await done


asyncio.run(main())
# ANCHOR_END: body
