"""Lesson 06's pipeline in modern asyncio: URLs -> N fetchers -> a writer,
over bounded asyncio.Queues, against a stand-in server on 127.0.0.1.

The twin of `cargo run -p lesson06 -- pipeline` (lessons/lesson06/src/
pipeline.rs): the same pages, the same result lines (the Rust program also
prints its queues' depths). Python's queues do not close when their
producers finish, so each stage ends the next with a sentinel, one per
fetcher. No fetcher starts URL i before URL i - CAPACITY has been printed,
so the writer never holds more than CAPACITY results. Ctrl-C stops the
producer; what is queued is still fetched.
"""

import asyncio
import signal

FETCHERS = 3
CAPACITY = 4
MAX_HEAD = 8 * 1024
DONE = None  # the sentinel


def page_body(n: int) -> str:
    return "".join(f"line {k} of page {n}\n" for k in range(1, n + 1))


def page_delay(n: int) -> float:
    """25 to 100 ms, as servers.rs: neighbouring pages finish out of order."""
    return 0.025 * (n * 7 % 4 + 1)


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        async with asyncio.timeout(5):
            head = await reader.readuntil(b"\r\n\r\n")
    except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        writer.close()
        return
    parts = head.split(b"\r")[0].split(b" ")
    path = parts[1].decode("latin-1") if len(parts) > 1 else ""
    number = path.removeprefix("/page/")
    if path.startswith("/page/") and number.isdigit() and 1 <= int(number) <= 1000:
        await asyncio.sleep(page_delay(int(number)))
        status, body = "200 OK", page_body(int(number))
    else:
        status, body = "404 Not Found", ""
    writer.write(f"HTTP/1.0 {status}\r\ncontent-length: {len(body)}\r\n\r\n{body}".encode())
    await writer.drain()
    writer.close()


async def fetch(port: int, path: str) -> str:
    try:
        async with asyncio.timeout(5):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            answer = b""
            while len(answer) < 1 << 20 and (chunk := await reader.read(65536)):
                answer += chunk
            writer.close()
    except (OSError, TimeoutError) as e:
        return f"{path:<10} failed: {e}"
    head, sep, body = answer.partition(b"\r\n\r\n")
    fields = head.split(b" ")
    if not sep or len(fields) < 2 or not fields[1].isdigit():
        return f"{path:<10} failed: not an HTTP answer"
    status, lines = int(fields[1]), body.count(b"\n")
    return f"{path:<10} {status:>3} {len(body):>5} bytes {lines:>3} lines"


async def main() -> None:
    paths = [f"/page/{n}" for n in range(1, 12)]
    # A page the server does not have, on purpose: a 404 the pipeline must
    # report in its place, not skip.
    paths.insert(6, "/missing")
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    # ANCHOR: stages
    urls: asyncio.Queue = asyncio.Queue(maxsize=CAPACITY)
    results: asyncio.Queue = asyncio.Queue(maxsize=CAPACITY)
    printed = 0  # lines the writer has printed: the fetchers' window
    window = asyncio.Condition()
    stop = asyncio.Event()
    try:
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set)
    except (NotImplementedError, RuntimeError):
        pass  # Windows: Ctrl-C interrupts instead of draining

    async def produce() -> bool:
        stopped = asyncio.create_task(stop.wait())
        try:
            for index, path in enumerate(paths):
                put = asyncio.create_task(urls.put((index, path)))
                await asyncio.wait({put, stopped}, return_when=asyncio.FIRST_COMPLETED)
                if stop.is_set():
                    put.cancel()
                    return True
            return False
        finally:
            stopped.cancel()
            for _ in range(FETCHERS):
                await urls.put(DONE)  # one sentinel per fetcher

    async def fetcher() -> None:
        while (item := await urls.get()) is not DONE:
            index, path = item
            async with window:  # wait until it is one of the next CAPACITY
                await window.wait_for(lambda: index < printed + CAPACITY)
            await results.put((index, await fetch(port, path)))
        await results.put(DONE)

    async def write() -> None:
        nonlocal printed
        early, finished = {}, 0
        while finished < FETCHERS:
            got = await results.get()
            if got is DONE:
                finished += 1
                continue
            early[got[0]] = got[1]
            while printed in early:
                print(early.pop(printed))
                printed += 1
            async with window:
                window.notify_all()  # lets the fetchers on
    # ANCHOR_END: stages

    print(f"The pipeline: {len(paths)} URLs ({len(paths) - 1} pages and /missing, "
          f"a 404 to report) from a server on 127.0.0.1, "
          f"{FETCHERS} fetchers, queues of {CAPACITY}:")
    async with server, asyncio.TaskGroup() as tg:
        producer = tg.create_task(produce())
        for _ in range(FETCHERS):
            tg.create_task(fetcher())
        await write()
    if producer.result():
        print("Ctrl-C: stopped taking URLs, and finished those already queued.")
    print(f"{printed} URLs fetched.")


if __name__ == "__main__":
    asyncio.run(main())
