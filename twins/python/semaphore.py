"""asyncio.Semaphore(2): at most two tasks inside at once."""

# ANCHOR: body
import asyncio

running = most = 0


async def job(n, permits):
    global running, most
    async with permits:
        print(f"job {n} runs")
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1


async def main():
    permits = asyncio.Semaphore(2)
    await asyncio.gather(*(job(n, permits) for n in range(1, 5)))
    print(f"at most {most} at once")


asyncio.run(main())
# ANCHOR_END: body
