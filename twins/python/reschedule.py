"""asyncio.Timeout.reschedule (3.11): move a running deadline."""

# ANCHOR: body
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.2) as deadline:
            for step in range(1, 4):
                await asyncio.sleep(0.02)
                print(f"step {step} done")
                deadline.reschedule(loop.time() + 0.2)
            print("deadline pulled in")
            deadline.reschedule(loop.time() + 0.01)
            await asyncio.sleep(10)
            print("slow step done")
    except TimeoutError:
        print("timed out")


asyncio.run(main())
# ANCHOR_END: body
