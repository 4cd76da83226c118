"""The seed's hello.py in today's form, as the benchmark runs it.

The seed (Python 3.4) used ``@asyncio.coroutine``/``yield from`` and
``loop.run_until_complete(asyncio.wait(tasks))``; the decorator was removed in
Python 3.11. Today: ``async def``, ``await``, ``asyncio.gather`` and
``asyncio.run``. Each of N coroutines prints its thread, sleeps 1 s and prints
again; ``--quiet`` keeps only the summary line, so the benchmark times the
scheduling and not the terminal.

    python3 hello.py --tasks 10000 --quiet
"""

import argparse
import asyncio
import threading
import time


async def hello(index: int, quiet: bool) -> None:
    if not quiet:
        print(f"hello world! index={index},thread={threading.current_thread()}")
    await asyncio.sleep(1)
    if not quiet:
        print(f"hello again! index={index},thread={threading.current_thread()}")


async def main(tasks: int, quiet: bool) -> None:
    await asyncio.gather(*(hello(i, quiet) for i in range(tasks)))


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    asyncio.run(main(args.tasks, args.quiet))
    wall = time.perf_counter() - start
    print(f"tasks={args.tasks} runtime=asyncio wall={wall:.3f}s floor=1.000s")


if __name__ == "__main__":
    cli()
