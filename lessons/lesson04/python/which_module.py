"""Lesson 04, P9: which file `import aiohttp` would load, found without loading it.

The obvious check, `python3 -c "import aiohttp; print(aiohttp.__file__)"`,
imports the module to ask where it came from. Beside a script named
aiohttp.py, the very folder it is needed in, that import runs the script,
which fails with the note's ImportError before anything is printed. The
check below asks the import system where the name leads
(`importlib.util.find_spec`) and runs nothing.

This script runs that exact command (the line between the anchors below,
with this Python for `python3`) in scratch folders: one holding an
aiohttp.py that would print RAN if it were run, and one each for the other
everyday shadows, asyncio.py, http.py, email.py and random.py, which hide
the standard library's modules of those names. The scratch folder is shown
as <dir>. Run with -S -E, as import_error.py is, so that an installed
aiohttp cannot change the output.
"""

import os
import shlex
import subprocess
import sys
import tempfile

CHECK = """
ANCHOR: check
python3 -c "import importlib.util as u; s = u.find_spec('aiohttp'); print(s.origin if s else 'no aiohttp to import')"
ANCHOR_END: check
"""

# The note's first two lines: what aiohttp.py holds in the learner's folder.
NOTE = "print('RAN')\nimport asyncio\nfrom aiohttp import web\n"


def run(folder, command):
    """Runs a `python3 ...` command line in `folder`; returns what it printed,
    and the last line of its error if it failed."""
    words = shlex.split(command)
    assert words[0] == "python3"
    done = subprocess.run(
        [sys.executable, "-S", "-E"] + words[1:],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        universal_newlines=True,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0:
        lines += done.stderr.strip().splitlines()[-1:]
    out = "\n  ".join(lines)
    out = out.replace(os.path.realpath(folder), "<dir>").replace(folder, "<dir>")
    return out.replace(os.sep, "/")


def check_command(name):
    """The check of the anchors, for the module `name`."""
    line = CHECK.strip().splitlines()[1]
    return line.replace("'aiohttp'", repr(name))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "aiohttp.py"), "w", encoding="utf-8") as f:
            f.write(NOTE)
        old = "python3 -c \"import aiohttp; print(aiohttp.__file__)\""
        print("beside aiohttp.py, the check that imports:")
        print("  " + run(folder, old))
        print("beside aiohttp.py, the check that only looks:")
        print("  " + run(folder, check_command("aiohttp")))
    with tempfile.TemporaryDirectory() as folder:
        print("in a folder without it (and aiohttp hidden by -S):")
        print("  " + run(folder, check_command("aiohttp")))
    for name in ["asyncio", "http", "email", "random"]:
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, name + ".py"), "w", encoding="utf-8") as f:
                f.write("print('RAN')\n")
            print(f"beside {name}.py, `import {name}` would load:")
            print("  " + run(folder, check_command(name)))
