"""asyncio.TaskGroup (3.11): one failure cancels the other tasks."""

# ANCHOR: body
import asyncio


async def job(n):
    try:
        await asyncio.sleep([10, 100, 10_000][n - 1] / 1000)
    except asyncio.CancelledError:
        print(f"job {n} cancelled")
        raise
    if n == 2:
        raise ValueError(f"job {n} failed")
    print(f"job {n} done")


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            for n in range(1, 4):
                group.create_task(job(n))
    except* ValueError as failures:
        print("group failed:", failures.exceptions[0])


asyncio.run(main())
# ANCHOR_END: body
