"""Lesson 07's chat server, line protocol only, in modern asyncio.

The same protocol and limits as the Rust server (lessons/lesson07/src/chat.rs),
so that the same test (lessons/lesson07/tests/chat.rs) and the same load
(`cargo run --release -p lesson07 -- measure --python`) run against both:

    python3 chat_server.py [--tcp HOST:PORT]     (default 127.0.0.1:8071)

It prints `line protocol: HOST:PORT` once listening, and stops on Ctrl-C or
SIGTERM, telling every client, within 5 seconds. Python 3.11 or later.
"""

import argparse
import asyncio
import signal
import time
import unicodedata

MAX_NAME, MAX_MESSAGE, MAX_FRAME = 20, 500, 4096
BURST, REFILL = 5, 0.5
MAX_CLIENTS = 2000
NAME_TIME = 30.0
ROOM_CAPACITY = 256
WRITE_TIMEOUT = 10.0
WELCOME = "* welcome: type your name and press Enter"
GOODBYE = "* the server is shutting down: goodbye"


def is_control(c):
    # Rust's char::is_control: the C0 and C1 control codes and DEL.
    return ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F


JOINERS = "\u200c\u200d"


def is_invisible(c):
    # lessonkit::is_invisible: format characters (Cf: zero-width spaces,
    # bidi controls, the BOM) less the two joiners, plus the line and
    # paragraph separators.
    return (unicodedata.category(c) == "Cf" and c not in JOINERS) or c in "\u2028\u2029"


class Room:
    def __init__(self):
        self.names = {}  # lower-cased name -> name as typed
        self.members = {}  # name -> Member
        self.seats = MAX_CLIENTS

    def check_name(self, asked):
        name = asked.strip()
        if not name:
            return None, "! a name cannot be empty: type your name"
        if len(name) > MAX_NAME:
            return None, f"! a name has at most {MAX_NAME} characters"
        if any(is_control(c) or is_invisible(c) or c in JOINERS for c in name):
            return None, "! a name cannot hold control or invisible characters"
        if name.startswith(("*", "!")):
            return None, "! a name cannot start with * or !: those mark the server's lines"
        if ":" in name:
            return None, "! a name cannot hold a colon: messages read NAME: TEXT"
        if name.lower() in self.names:
            return None, "! that name is taken: try another"
        return name, None

    def say(self, sender, line):
        for member in self.members.values():
            if member is not sender:
                member.offer(line)


class Member:
    """One joined client: a bounded queue, like a broadcast receiver."""

    def __init__(self, name):
        self.name = name
        self.queue = asyncio.Queue(ROOM_CAPACITY)
        self.missed = 0

    def offer(self, line):
        try:
            self.queue.put_nowait(line)
        except asyncio.QueueFull:
            self.missed += 1  # the same policy as the Rust server: skip, then tell


class RateLimit:
    def __init__(self):
        self.tokens, self.last = float(BURST), time.monotonic()

    def allow(self):
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.last) / REFILL)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Gone(Exception):
    pass


async def send(writer, line):
    writer.write((line + "\n").encode())
    try:
        await asyncio.wait_for(writer.drain(), WRITE_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise Gone from e


async def read_line(reader):
    """The next line without its end, None at the end; ValueError if too long or not UTF-8."""
    try:
        raw = await reader.readuntil(b"\n")
    except asyncio.IncompleteReadError as e:
        if not e.partial:
            return None
        raw = e.partial
    except asyncio.LimitOverrunError:
        raise ValueError(f"a line has at most {MAX_FRAME} bytes")
    except OSError:
        return None
    if len(raw.rstrip(b"\n")) > MAX_FRAME:
        raise ValueError(f"a line has at most {MAX_FRAME} bytes")
    try:
        return raw.decode().removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError:
        raise ValueError("that line is not UTF-8")


async def session(room, reader, writer, stopping):
    await send(writer, WELCOME)
    named_by = time.monotonic() + NAME_TIME  # one deadline, however many tries
    member = None
    while member is None:
        try:
            async with asyncio.timeout(named_by - time.monotonic()):
                asked = await first(read_line(reader), stopping)
        except TimeoutError:
            return await send(writer, f"! no name within {NAME_TIME:g} s: goodbye")
        except ValueError as e:
            return await send(writer, f"! {e}: goodbye")
        if asked is STOP:
            return await send(writer, GOODBYE)
        if asked is None:
            return
        name, refusal = room.check_name(asked)
        if refusal:
            await send(writer, refusal)
            continue
        here = sorted(room.names.values())
        room.names[name.lower()] = name
        member = Member(name)
        room.members[name] = member
        room.say(member, f"* {name} joined")
        if not here:
            hello = "you are the first here"
        elif len(here) == 1:
            hello = f"{here[0]} is here"
        else:
            hello = f"here are {', '.join(here)}"
        await send(writer, f"* hello {name}: {hello}")
    try:
        await chat(room, member, reader, writer, stopping)
    finally:
        del room.names[member.name.lower()]
        del room.members[member.name]
        room.say(member, f"* {member.name} left")


STOP = object()


async def first(coroutine, stopping):
    """The coroutine's result, or STOP if the server stops first."""
    task = asyncio.ensure_future(coroutine)
    stop = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:  # also when cancelled from outside (the name's deadline)
        stop.cancel()
        if not task.done():
            task.cancel()
    if task in done:
        return task.result()
    return STOP


async def chat(room, member, reader, writer, stopping):
    limit = RateLimit()
    # The asyncio form of select!: the next line, the next message and the
    # stop, whichever comes first; the pending read is kept between rounds.
    line_task = asyncio.ensure_future(read_line(reader))
    try:
        while True:
            heard = asyncio.ensure_future(member.queue.get())
            stop = asyncio.ensure_future(stopping.wait())
            done, _ = await asyncio.wait({line_task, heard, stop}, return_when=asyncio.FIRST_COMPLETED)
            heard.cancel()
            stop.cancel()
            if stop in done:
                return await send(writer, GOODBYE)
            if heard in done and not heard.cancelled():
                if member.missed:
                    missed, member.missed = member.missed, 0
                    await send(writer, f"* you missed {missed} messages: your connection is too slow")
                await send(writer, heard.result())
            if line_task in done:
                try:
                    text = line_task.result()
                except ValueError as e:
                    return await send(writer, f"! {e}: goodbye")
                if text is None:
                    return
                line_task = asyncio.ensure_future(read_line(reader))
                if not text.strip():
                    continue
                if len(text) > MAX_MESSAGE:
                    await send(writer, f"! a message has at most {MAX_MESSAGE} characters")
                elif any((is_control(c) and c != "\t") or is_invisible(c) for c in text):
                    await send(writer, "! a message cannot hold control or invisible characters")
                elif not limit.allow():
                    await send(writer, "! slow down: that message was not sent")
                else:
                    room.say(member, f"{member.name}: {text}")
    finally:
        line_task.cancel()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tcp", default="127.0.0.1:8071", help="HOST:PORT for the line protocol")
    args = parser.parse_args()
    host, _, port = args.tcp.rpartition(":")
    room, stopping, tasks = Room(), asyncio.Event(), set()

    async def client(reader, writer):
        tasks.add(asyncio.current_task())
        try:
            if room.seats == 0:
                return await send(writer, f"! the room is full ({MAX_CLIENTS} clients): try again later")
            room.seats -= 1
            try:
                await session(room, reader, writer, stopping)
            finally:
                room.seats += 1
        except Gone:
            pass
        finally:
            writer.close()
            tasks.discard(asyncio.current_task())

    server = await asyncio.start_server(client, host, int(port), limit=MAX_FRAME + 1, backlog=4096)
    print(f"line protocol: {host}:{server.sockets[0].getsockname()[1]}", flush=True)
    loop = asyncio.get_running_loop()
    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stopping.set)
    except NotImplementedError:
        pass  # Windows: Ctrl-C ends asyncio.run instead, without the goodbye
    await stopping.wait()
    server.close()  # stop accepting; the clients already here get the goodbye
    if tasks:
        await asyncio.wait(set(tasks), timeout=5)


if __name__ == "__main__":
    asyncio.run(main())
