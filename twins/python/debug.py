"""Debug mode: asyncio logs every step that holds the loop too long."""

# ANCHOR: body
import asyncio
import logging
import time


class PrintSlowSteps(logging.Handler):
    def emit(self, record):
        # "Executing <Task pending name='blocker' ...> took 0.020 seconds"
        if record.getMessage().startswith("Executing <Task pending name='blocker'"):
            print("warning: a step took over 10 ms")


async def blocks_the_thread():
    time.sleep(0.02)  # the mistake to catch
    await asyncio.sleep(0)
    print("fast step done")


async def main():
    asyncio.get_running_loop().slow_callback_duration = 0.01
    await asyncio.create_task(blocks_the_thread(), name="blocker")


logging.getLogger("asyncio").addHandler(PrintSlowSteps())
asyncio.run(main(), debug=True)  # or PYTHONASYNCIODEBUG=1
# ANCHOR_END: body
