"""What the note's two programs do on today's Python: they stop at once.

Runs seed/hello.py and seed/wget.py, the note's programs exactly as
written (only re-indented), and prints the last line each one writes to
stderr. Python 3.11 removed @asyncio.coroutine, so both fail while
defining their first function: before any event loop starts, and before
wget.py opens a single connection. (On Python 3.10 and older they would
run, and wget.py would try to reach the internet; this script refuses.)
"""
import pathlib
import subprocess
import sys

SEED = pathlib.Path(__file__).resolve().parents[3] / "seed"

if sys.version_info < (3, 11):
    sys.exit("this check is for Python 3.11 and later")

for name in ["hello.py", "wget.py"]:
    done = subprocess.run([sys.executable, str(SEED / name)],
                          capture_output=True, text=True, timeout=60)
    last = done.stderr.strip().splitlines()[-1]
    # Python 3.12 and later add a suggestion (". Did you mean: ...?").
    last = last.split(". Did you mean")[0]
    print(f"seed/{name}: exit status {done.returncode}: {last}")
