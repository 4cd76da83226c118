"""Queue.shutdown() (3.13): get() raises QueueShutDown once it is empty.

Before 3.13 the usual stand-in is a sentinel value, used here on those
Pythons so that the file prints the same lines everywhere.
"""

import sys

# ANCHOR: body
import asyncio


async def main():
    queue = asyncio.Queue()
    for job in ["a", "b"]:
        queue.put_nowait(job)
    queue.shutdown()  # 3.13: nothing more will come
    while True:
        try:
            job = await queue.get()
        except asyncio.QueueShutDown:
            break
        print(f"got {job}")
    print("queue shut down and empty")
# ANCHOR_END: body


# ANCHOR: before313
async def main_before_313():
    queue = asyncio.Queue()
    for job in ["a", "b", None]:  # None: "nothing more will come"
        queue.put_nowait(job)
    while (job := await queue.get()) is not None:
        print(f"got {job}")
    print("queue shut down and empty")
# ANCHOR_END: before313


asyncio.run(main() if sys.version_info >= (3, 13) else main_before_313())
