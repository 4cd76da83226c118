"""The seed's wget on Python 3.11: what the Rust program does, in asyncio.

    python3 wget_modern.py [HOST_OR_URL...]

Fetches every URL at once (at most LIMIT at a time, an asyncio.Semaphore),
each under its own deadline (asyncio.timeout, new in 3.11), all in one
asyncio.TaskGroup (new in 3.11), and prints each result as it arrives. It
fixes what the seed's version left open: header lines are bounded in length
and number, headers are decoded as Latin-1 (HTTP's own rule, never a
UnicodeDecodeError) with control characters escaped (a terminal would obey
them), and a failing URL gets one line while the others
finish. Plain HTTP/1.0 only, as in the seed.

With no argument it starts a server on 127.0.0.1 and fetches from it, so its
output is the same on every run; CI compares it with wget_modern.expected.
"""
# ANCHOR: imports
import asyncio
import os
import sys
import unicodedata
from urllib.parse import urlsplit

LIMIT = 4
TIMEOUT = 10.0
MAX_LINE = 8 * 1024
MAX_HEADERS = 100
# ANCHOR_END: imports


# ANCHOR: fetch
def printable(text):
    """text with every control character (C0, DEL, C1) escaped, never raw."""
    return "".join(c.encode("unicode_escape").decode() if unicodedata.category(c) == "Cc"
                   else c for c in text)


async def fetch(url, limit, timeout):
    """Status line, headers and body size of one URL, or raises."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    if parts.scheme != "http":
        raise ValueError(f"unsupported scheme {parts.scheme!r}: plain http only")
    host, port = parts.hostname, parts.port or 80
    async with limit:  # at most LIMIT fetches get past here at once
        async with asyncio.timeout(timeout):  # cancels the fetch when late
            reader, writer = await asyncio.open_connection(host, port, limit=MAX_LINE)
            try:
                request = f"GET {parts.path or '/'} HTTP/1.0\r\nHost: {host}\r\n\r\n"
                writer.write(request.encode("ascii"))
                await writer.drain()
                status = printable((await reader.readline()).decode("latin-1").rstrip())
                if not status.startswith("HTTP/"):
                    raise ValueError(f"the answer was not HTTP: {status[:40]!r}")
                headers = []
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    if len(headers) == MAX_HEADERS:
                        raise ValueError(f"more than {MAX_HEADERS} header lines")
                    headers.append(printable(line.decode("latin-1").rstrip()))
                body = 0
                while chunk := await reader.read(64 * 1024):
                    body += len(chunk)
                return status, headers, body
            finally:
                writer.close()
# ANCHOR_END: fetch


# ANCHOR: main
async def wget_all(urls, show=lambda url: url):
    limit = asyncio.Semaphore(LIMIT)
    answered = failed = 0

    async def one(url):
        nonlocal answered, failed
        try:
            status, headers, body = await fetch(url, limit, TIMEOUT)
        except TimeoutError:
            failed += 1
            print(f"{show(url)}: error: timed out after {TIMEOUT} s")
        except OSError as e:
            failed += 1
            reason = os.strerror(e.errno) if e.errno else str(e)
            print(f"{show(url)}: error: could not connect: {reason}")
        except ValueError as e:
            failed += 1
            print(f"{show(url)}: error: {e}")
        else:
            answered += 1
            print(f"{show(url)}: {status}, {len(headers)} headers, {body} bytes of body")
            for header in headers:
                print(f"    {header}")

    async with asyncio.TaskGroup() as group:  # waits for every task
        for url in urls:
            group.create_task(one(url))
    print(f"{len(urls)} URLs: {answered} answered, {failed} failed")
# ANCHOR_END: main


async def serve(reader, writer):
    """A tiny HTTP/1.0 server: / after 0.2 s, /missing (404) after 0.4 s,
    and /slow, which never answers. The delays fix the order of arrival."""
    request = await reader.readline()
    while await reader.readline() not in (b"\r\n", b"\n", b""):
        pass
    path = request.split()[1] if len(request.split()) > 1 else b"/"
    if path == b"/slow":
        await reader.read()  # until the client gives up and hangs up
        writer.close()
        return
    await asyncio.sleep(0.2 if path == b"/" else 0.4)
    status, body = (b"200 OK", b"<h1>Index</h1>") if path == b"/" else (b"404 Not Found", b"no")
    writer.write(b"HTTP/1.0 " + status + b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    await writer.drain()
    writer.close()


async def greet_wrongly(reader, writer):
    await reader.readline()
    await asyncio.sleep(0.6)
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n")
    writer.close()


async def offline():
    global TIMEOUT
    TIMEOUT = 1.0
    http = await asyncio.start_server(serve, "127.0.0.1", 0)
    ssh = await asyncio.start_server(greet_wrongly, "127.0.0.1", 0)
    closed = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = lambda server: server.sockets[0].getsockname()[1]
    refused = port(closed)
    closed.close()
    await closed.wait_closed()
    names = {
        f"http://127.0.0.1:{port(http)}/": "local /",
        f"http://127.0.0.1:{port(http)}/missing": "local /missing",
        f"http://127.0.0.1:{port(http)}/slow": "local /slow",
        f"http://127.0.0.1:{port(ssh)}/": "local ssh",
        f"http://127.0.0.1:{refused}/": "closed port",
        "ftp://127.0.0.1/": "ftp URL",
    }
    async with http, ssh:
        # Ports change from run to run: print names, so the output does not.
        await wget_all(list(names), show=names.get)


if __name__ == "__main__":
    if sys.argv[1:]:
        asyncio.run(wget_all(sys.argv[1:]))
    else:
        asyncio.run(offline())
