"""The note's wget.py, as it would be written today, with the bounds it
lacks (Python 3.11 and later, for asyncio.timeout).

The seed reads header lines with no limit on their length or number, no
timeout, assumes every byte is UTF-8, lets one failing host end the whole
run, and formats the host name straight into the request. This version:

- checks a host name before sending it (a name holding "\\r\\n" would add
  lines of its own to the request);
- gives each connection MAX_SECONDS in all (asyncio.timeout, new in 3.11);
- bounds a line with the stream's own limit (readline() raises ValueError
  past it) and the number of header lines with a counter;
- decodes with errors="replace", so a byte that is not UTF-8 shows as U+FFFD,
  and escapes control characters, so a server cannot drive the terminal;
- turns each host's failure into one line, and lets the others go on.

    python3 wget_modern.py                 # stand-ins on 127.0.0.1 (offline)
    python3 wget_modern.py example.com     # real hosts, port 80

With no argument it starts the same stand-in servers as the Rust program,
some misbehaving on purpose, and prints the results in the order of the
hosts, so the output is the same every time (CI checks it).
"""
import asyncio
import os
import re
import socket
import sys
import unicodedata

MAX_LINE = 8 * 1024
MAX_HEADERS = 100
HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?")


class FetchError(Exception):
    """One host's failure, as one line."""


# ANCHOR: fetch
def check_host(arg):
    """(name, port) for a host argument, or FetchError if it is unsafe."""
    if not HOST.fullmatch(arg):
        raise FetchError(f"refused to send: host {arg!r}: only letters, digits, "
                         "'-' and '.', and an optional :PORT")
    name, _, port = arg.partition(":")
    port = int(port or 80)
    if not 0 < port < 65536:
        raise FetchError(f"refused to send: host {arg!r}: bad port")
    return name, port


def printable(text):
    """text with every control character (C0, DEL, C1) escaped, never raw."""
    return "".join(c.encode("unicode_escape").decode() if unicodedata.category(c) == "Cc"
                   else c for c in text)


async def read_line(reader):
    try:
        line = await reader.readline()
    except ValueError:  # the stream's limit: a line ran past MAX_LINE
        raise FetchError(f"a line ran past {MAX_LINE} bytes without ending")
    if not line:
        raise FetchError("the server closed before the end of the headers")
    if not line.endswith(b"\n"):
        raise FetchError("the server closed in the middle of a line")
    return printable(line.rstrip(b"\r\n").decode("utf-8", errors="replace"))


async def fetch(host, connect_to, timeout):
    writer = None
    try:
        async with asyncio.timeout(timeout):
            try:
                reader, writer = await asyncio.open_connection(*connect_to, limit=MAX_LINE)
            except OSError as e:
                raise FetchError(f"could not connect: {os.strerror(e.errno) if e.errno else e}")
            writer.write(f"GET / HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("ascii"))
            await writer.drain()
            status = await read_line(reader)
            if not status.startswith("HTTP/"):
                raise FetchError(f"not an HTTP status line: {status[:60]!r}")
            headers = []
            while (line := await read_line(reader)) != "":
                if len(headers) == MAX_HEADERS:
                    raise FetchError(f"more than {MAX_HEADERS} header lines; gave up")
                headers.append(line)
            return [status] + headers
    except TimeoutError:
        raise FetchError(f"timed out after {round(timeout * 1000)} ms")
    except ConnectionError as e:
        raise FetchError(f"connection failed: {e}")
    finally:
        if writer is not None:
            writer.close()


async def wget(name, target, timeout):
    """One host's lines, ready to print: its headers, or one error line."""
    try:
        if isinstance(target, FetchError):
            raise target
        lines = await fetch(name, target, timeout)
        return [f"{name} header > {line}" for line in lines]
    except FetchError as e:
        return [f"{name!r} error > {e}" if "\r" in name or "\n" in name
                else f"{name} error > {e}"]
# ANCHOR_END: fetch


# ANCHOR: stand_ins
STATUS = b"HTTP/1.0 200 OK\r\n"


async def good(reader, writer, latin1=False):
    writer.write(STATUS + b"Server: lesson02-stand-in\r\nContent-Type: text/html\r\n")
    if latin1:
        writer.write(b"X-Legacy: caf\xe9\r\n")  # Latin-1 "cafe", not UTF-8
    writer.write(b"\r\n<h1>hello</h1>\n")


async def endless_headers(reader, writer):
    writer.write(STATUS)
    n = 0
    while True:
        writer.write(f"X-Filler-{n}: more\r\n".encode())
        await writer.drain()
        n += 1


async def endless_line(reader, writer):
    writer.write(STATUS + b"X-Long: ")
    while True:
        writer.write(b"a" * 4096)
        await writer.drain()


async def no_newline(reader, writer):
    writer.write(STATUS + b"X-Cut: half a li")


async def silent(reader, writer):
    await reader.read()  # until the client gives up


async def not_http(reader, writer):
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n")


async def moved(reader, writer):
    writer.write(b"HTTP/1.0 301 Moved Permanently\r\nLocation: https://moved.test/\r\n\r\n")


async def escapes(reader, writer):
    writer.write(STATUS + b"X-Evil: a\x1b]0;pwned\x07\x1b[2Jcleared\r\n\r\n")


def serving(behaviour, **options):
    async def handle(reader, writer):
        try:
            if behaviour is not silent:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
            await behaviour(reader, writer, **options)
            await writer.drain()
        except (ConnectionError, OSError):
            pass  # the client hung up: fine
        finally:
            writer.close()
    return handle


async def stand_ins():
    hosts, servers = [], []
    for name, behaviour, options in [
        ("www.sina.com.cn", good, {}),
        ("www.sohu.com", good, {}),
        ("www.163.com", good, {"latin1": True}),
        ("endless-headers.test", endless_headers, {}),
        ("endless-line.test", endless_line, {}),
        ("no-newline.test", no_newline, {}),
        ("silent.test", silent, {}),
        ("not-http.test", not_http, {}),
        ("moved.test", moved, {}),
        ("escapes.test", escapes, {}),
    ]:
        server = await asyncio.start_server(serving(behaviour, **options), "127.0.0.1", 0)
        servers.append(server)
        hosts.append((name, server.sockets[0].getsockname()[:2]))
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        hosts.append(("refused.test", s.getsockname()[:2]))
    hostile = "evil.test\r\nX-Injected: 1"
    try:
        check_host(hostile)
    except FetchError as e:
        hosts.append((hostile, e))
    return hosts, servers
# ANCHOR_END: stand_ins


async def main(args):
    servers = []
    if args:
        hosts, timeout = [], 10
        for arg in args:
            try:
                hosts.append((arg, check_host(arg)))
            except FetchError as e:
                hosts.append((arg, e))
    else:
        print("No host given: fetching from stand-in servers on 127.0.0.1.\n")
        (hosts, servers), timeout = await stand_ins(), 1.0
    for name, _ in hosts:
        print(f"wget {name!r}..." if "\r" in name else f"wget {name}...")
    results = await asyncio.gather(*(wget(name, target, timeout) for name, target in hosts))
    for lines in results:
        print("\n".join(lines))
    for server in servers:
        server.close()
    failed = sum(1 for lines in results if " error > " in lines[0])
    count = "1 host" if len(hosts) == 1 else f"{len(hosts)} hosts"
    print(f"\n{count}, {len(hosts) - failed} answered, {failed} failed.")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
