"""asyncio.shield: the caller's cancellation stops at the shield."""

# ANCHOR: body
import asyncio


async def save():
    await asyncio.sleep(0.2)
    return "saved"


async def main():
    task = asyncio.create_task(save())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.005)
    except TimeoutError:
        print("caller gave up")
    print("the task goes on:", await task)


asyncio.run(main())
# ANCHOR_END: body
