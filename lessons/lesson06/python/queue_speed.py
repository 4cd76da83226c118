"""Messages per second through an asyncio.Queue(maxsize=128), from one
coroutine to another: the Python half of `cargo run -p lesson06 -- speed`,
which runs this file with Python 3.11 or later ($PYTHON if set) and prints
its one line, a number.

Usage: python3 queue_speed.py [MESSAGES]
"""

import asyncio
import sys
import time


async def main(count: int) -> float:
    queue: asyncio.Queue[int | None] = asyncio.Queue(maxsize=128)

    async def produce() -> None:
        for n in range(count):
            await queue.put(n)
        await queue.put(None)  # the sentinel: asyncio queues do not close

    total = 0
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(produce())
        while (n := await queue.get()) is not None:
            total += n
    took = time.perf_counter() - start
    assert total == count * (count - 1) // 2, "a message was lost"
    return count / took


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"{asyncio.run(main(count)):.0f}")
