"""asyncio.Runner (3.11): one loop kept across several run() calls."""

# ANCHOR: body
import asyncio


async def start_background():
    async def background():
        await asyncio.sleep(0.01)
        return "background done"

    return asyncio.create_task(background())


async def wait(task):
    return await task


with asyncio.Runner() as runner:
    task = runner.run(start_background())
    finished = "yes" if task.done() else "no"
    print(f"first run returned; task finished? {finished}")
    # The same loop again: the task it holds goes on where it stopped.
    print("second run:", runner.run(wait(task)))
# ANCHOR_END: body
