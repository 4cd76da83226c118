"""Lesson 05 in Python: two of the chapter's traps, as asyncio has them.

Rust's `blocking.rs` shows a loop with no `.await` keeping another task
out, and `bridge.rs` shows tokio refusing to block on a future from inside
a task. asyncio behaves the same way on both counts. Runs on Python 3.7 and
later; checked on 3.11.
"""

import asyncio


# ANCHOR: hogging
async def compute_hogging(other_ran, steps):
    """A long computation with no await: nothing else runs meanwhile."""
    x = 0
    for i in range(steps):
        x += i
    return other_ran[0]


async def compute_yielding(other_ran, steps):
    """The same, giving the loop back every 1000 steps."""
    x = 0
    for i in range(steps):
        x += i
        if i % 1000 == 999:
            await asyncio.sleep(0)  # asyncio's yield_now
    return other_ran[0]


async def did_the_other_task_run(compute):
    other_ran = [False]

    async def other():
        other_ran[0] = True

    task = asyncio.create_task(other())
    saw = await compute(other_ran, 100_000)
    await task
    return saw
# ANCHOR_END: hogging


# ANCHOR: nested
async def nested():
    """asyncio.run from inside a running event loop."""
    inner = asyncio.sleep(0)
    try:
        asyncio.run(inner)
    except RuntimeError as error:
        inner.close()  # never started; close it to keep Python quiet
        return f"RuntimeError: {error}"
    return "no error"
# ANCHOR_END: nested


print("another task ran during a loop with no await:",
      asyncio.run(did_the_other_task_run(compute_hogging)))
print("another task ran during a loop that awaits now and then:",
      asyncio.run(did_the_other_task_run(compute_yielding)))
print("asyncio.run inside a running loop:", asyncio.run(nested()))
