"""asyncio.run(main()): a fresh loop, run to main's end, then closed."""

# ANCHOR: body
import asyncio


async def forever():
    try:
        await asyncio.sleep(3600)
    finally:
        print("leftover task cleaned up")


async def main():
    asyncio.create_task(forever())
    await asyncio.sleep(0)
    print("main returns")
    return 42


# asyncio.run cancels the tasks main left behind, then closes the loop.
print("result:", asyncio.run(main()))
# ANCHOR_END: body
