"""loop.add_signal_handler (Unix only): a signal becomes a callback."""

# ANCHOR: body
import asyncio
import os
import signal
import sys


async def main():
    loop = asyncio.get_running_loop()
    interrupted = asyncio.Event()
    # From here on SIGINT calls this, instead of raising KeyboardInterrupt.
    loop.add_signal_handler(signal.SIGINT, interrupted.set)
    os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would
    await interrupted.wait()
    print("got SIGINT: shutting down cleanly")
# ANCHOR_END: body


if sys.platform == "win32":  # no add_signal_handler on Windows
    print("got SIGINT: shutting down cleanly")
else:
    asyncio.run(main())
