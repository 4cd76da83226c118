"""asyncio.eager_task_factory (3.12): create_task runs the first step.

Python 3.11 has no eager_task_factory: there the task starts at main's
next await, and the first two lines come out the other way round.
"""

# ANCHOR: body
import asyncio


async def job():
    print("job runs its first step")
    await asyncio.sleep(0)
    print("job finishes")


async def main():
    loop = asyncio.get_running_loop()
    if hasattr(asyncio, "eager_task_factory"):  # 3.12 and later
        loop.set_task_factory(asyncio.eager_task_factory)
    task = asyncio.create_task(job())
    print("create_task returned")
    await task


asyncio.run(main())
# ANCHOR_END: body
