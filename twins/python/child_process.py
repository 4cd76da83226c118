"""asyncio.create_subprocess_exec: a child process, awaited."""

# ANCHOR: body
import asyncio
import sys


async def main():
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('hello from the child')",
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await child.communicate()  # reads its output, waits for it to exit
    print(f"child said {out.decode().rstrip()!r}")
    print(f"exit status {child.returncode}")


asyncio.run(main())
# ANCHOR_END: body
