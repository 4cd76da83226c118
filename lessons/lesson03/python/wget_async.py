"""The seed's wget.py with the syntax the note's third part introduces.

Python 3.5 added `async def` and `await`; this is the seed's program with
`@asyncio.coroutine` / `yield from` replaced by them, and nothing else
changed, as a Python 3.5 reader would have written it (a test in
src/wget.rs checks that). It still talks raw
HTTP/1.0 to port 80 of three real hosts, so CI does not run it.

On today's Python it no longer runs as written: since Python 3.11,
`asyncio.wait()` refuses bare coroutines (TypeError), and since 3.12
`asyncio.get_event_loop()` warns when it has to make a loop up. See
wget_modern.py for the same program on Python 3.11.
"""
# ANCHOR: wget
import asyncio


async def wget(url):
    print('wget %s...' % (url))
    connection = asyncio.open_connection(url, 80)
    reader, writer = await connection
    header = 'GET / HTTP/1.0\r\nHOST: %s\r\n\r\n' % url
    writer.write(header.encode('utf-8'))
    await writer.drain()
    while True:
        line = await reader.readline()
        if line == b'\r\n':
            break
        print('%s header > %s' % (url, line.decode('utf-8').rstrip()))
    writer.close()


loop = asyncio.get_event_loop()
tasks = [wget(url) for url in ['www.sina.com.cn', 'www.sohu.com', 'www.163.com']]
loop.run_until_complete(asyncio.wait(tasks))
loop.close()
# ANCHOR_END: wget
