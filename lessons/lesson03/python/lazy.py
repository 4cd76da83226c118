"""Coroutines are lazy; tasks are not. The Python side of lowered.rs.

Calling an `async def` builds a coroutine object and runs none of it, as in
Rust. `asyncio.create_task` hands the coroutine to the event loop, which
starts it the next time the caller yields, whether or not anyone ever
awaits the task. Rust's `tokio::spawn` is the same on a current-thread
runtime (on a multi-thread one, a worker may start the task at once); a Rust
future that is merely built never runs at all. Checked on Python 3.11.
"""
# ANCHOR: lazy
import asyncio

log = []


async def step(name):
    log.append(f"{name}: started")
    await asyncio.sleep(0)  # the one place this coroutine can stop
    log.append(f"{name}: finished")
    return name


async def lazy_versus_task():
    built = step("built, not awaited")  # a coroutine object; nothing runs
    awaited = step("awaited")
    task = asyncio.create_task(step("task"))  # scheduled on the loop
    log.append("main: three coroutines exist, one is a task")

    await asyncio.sleep(0)  # let the loop run other tasks
    log.append("main: yielded once")

    await awaited  # runs now, inside this coroutine
    await task
    built.close()  # never started; close() avoids "never awaited" warnings


asyncio.run(lazy_versus_task())
for line in log:
    print(line)
# ANCHOR_END: lazy
