"""asyncio.start_server / open_connection: streams over TCP."""

# ANCHOR: body
import asyncio


async def handle(reader, writer):
    line = await reader.readline()
    print(f"server got {line.decode().rstrip()!r}")  # !r escapes it
    writer.write(line.upper())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # port 0: any free one
    address = server.sockets[0].getsockname()

    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"hello\n")
    answer = await reader.readline()
    print(f"client got {answer.decode().rstrip()!r}")
    writer.close()
    server.close()


asyncio.run(main())
# ANCHOR_END: body
