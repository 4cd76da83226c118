"""The note's hello.py, as it is written today (Python 3.7 and later;
checked on 3.11).

The seed's version (seed/hello.py) uses @asyncio.coroutine and yield from,
which Python 3.11 removed, and asyncio.wait() on bare coroutines, which
Python 3.11 also refuses. Here: async def, await, asyncio.gather, and
asyncio.run, which makes the event loop, runs main() in it, and closes it.

    python3 hello_modern.py          # 5 tasks, the output CI checks
    python3 hello_modern.py 10000    # the seed's 10,000

It prints the thread's name rather than the whole Thread object (whose
repr holds a number that changes from run to run), so the output is the
same every time.
"""
import asyncio
import sys
import threading
import time


# ANCHOR: hello
async def hello(index):
    thread = threading.current_thread().name
    print(f"hello world! index={index},thread={thread}")
    await asyncio.sleep(1)
    print(f"hello again! index={index},thread={thread}")
    return thread


async def main(n):
    # gather() wraps each coroutine in a Task, runs them all at once, and
    # returns their results in the order given.
    threads = await asyncio.gather(*(hello(i) for i in range(n)))
    return set(threads)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    start = time.monotonic()
    threads = asyncio.run(main(n))
    took = time.monotonic() - start
    print(f"{n} tasks on {len(threads)} thread ({', '.join(sorted(threads))}), "
          f"about {round(took)} s in all")
# ANCHOR_END: hello
