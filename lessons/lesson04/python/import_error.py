"""Lesson 04: the note's `ImportError: cannot import name 'web'`, reproduced.

The note ran its aiohttp server and got

    from aiohttp import web
    ImportError: cannot import name 'web'

and asked whether it was "a version problem". Two things give that error,
and this script builds each in a scratch folder and runs the note's first
two lines there with this same Python:

1. the learner's own script is called `aiohttp.py`, so `import aiohttp`
   finds the script itself instead of the library;
2. an aiohttp from before 0.10.0 (November 2014), which had no `web` yet.

It prints the last line of each error, with the scratch folder shown as
<dir>. Standard library only; the library aiohttp is not needed (and, if
installed, is hidden with -S so that the output is the same everywhere).
Checked on Python 3.11; older and newer Pythons word the errors differently
(see the chapter).
"""

import os
import subprocess
import sys
import tempfile

# The note's first two lines, and a stand-in for the rest of its server.
NOTE = "import asyncio\nfrom aiohttp import web\n\nprint('the server would start here')\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(folder, script):
    """Runs `script` in `folder`; returns the last line it wrote to stderr."""
    # -S: no site-packages, so an installed aiohttp cannot change the result.
    # -E: no PYTHON* variables. The script's own folder is still searched
    # first, as it is for anyone who types `python3 server.py`.
    done = subprocess.run(
        [sys.executable, "-S", "-E", script],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
    )
    lines = done.stderr.strip().splitlines() or ["(no error)"]
    return lines[-1].replace(os.path.realpath(folder), "<dir>").replace(folder, "<dir>")


# ANCHOR: shadowing
def shadowing(folder):
    """Cause 1: the learner saved the note's server as aiohttp.py."""
    write(os.path.join(folder, "aiohttp.py"), NOTE)
    return run(folder, "aiohttp.py")
# ANCHOR_END: shadowing


# ANCHOR: too_old
def too_old(folder):
    """Cause 2: an aiohttp package without a `web` module, as before 0.10.0."""
    package = os.path.join(folder, "aiohttp")
    os.mkdir(package)
    write(os.path.join(package, "__init__.py"), "__version__ = '0.9.3'\n")
    write(os.path.join(package, "client.py"), "")  # 0.9 had a client, no web
    write(os.path.join(folder, "server.py"), NOTE)
    return run(folder, "server.py")
# ANCHOR_END: too_old


# ANCHOR: renamed
def renamed(folder):
    """The fix for cause 1: the same script under another name (and no
    aiohttp.py, nor its compiled copy in __pycache__, left behind)."""
    write(os.path.join(folder, "server.py"), NOTE)
    return run(folder, "server.py")
# ANCHOR_END: renamed


if __name__ == "__main__":
    for title, case in [
        ("the script is named aiohttp.py", shadowing),
        ("aiohttp older than 0.10.0", too_old),
        ("the script renamed to server.py", renamed),
    ]:
        with tempfile.TemporaryDirectory() as folder:
            print(f"{title}:")
            print(f"  {case(folder)}")
