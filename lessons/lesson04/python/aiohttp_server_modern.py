"""The note's aiohttp server as written today, with the name escaped.

NOT run by CI: it needs the aiohttp package (`pip install aiohttp`), which
the course's machines do not install. Checked by hand with aiohttp 3.14.5 on
Python 3.11 (see the chapter for the command and what it printed).

What changed from the note's version:
- `web.Application(loop=loop)`: the `loop` argument was deprecated in
  aiohttp 2.0.0 (2017-03-20); the application uses the running loop.
- `loop.create_server(app.make_handler(), ...)`: `make_handler` was
  deprecated in aiohttp 3.2.0 (2018-05-06) in favour of `AppRunner` and
  `TCPSite` (added in 3.0.0), which this file uses.
- `asyncio.get_event_loop()` + `run_until_complete` + `run_forever`:
  `asyncio.run` (Python 3.7) makes and closes the loop.
- The name is escaped with `html.escape` before it goes into the page.
Both deprecated forms still work in aiohttp 3.14.5, with a
DeprecationWarning; neither has been removed in any 3.x release.
"""

import asyncio
import html

from aiohttp import web


# ANCHOR: handlers
async def index(request):
    await asyncio.sleep(0.5)
    return web.Response(text="<h1>Index</h1>", content_type="text/html")


async def hello(request):
    await asyncio.sleep(0.5)
    name = html.escape(request.match_info["name"])  # the note forgot this
    return web.Response(text=f"<h1>hello, {name}!</h1>", content_type="text/html")
# ANCHOR_END: handlers


# ANCHOR: main
async def main():
    app = web.Application()  # no loop=
    app.router.add_get("/", index)
    app.router.add_get("/hello/{name}", hello)
    runner = web.AppRunner(app)  # instead of app.make_handler()
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 8000)
    await site.start()
    print("Server started at http://127.0.0.1:8000...", flush=True)
    try:
        await asyncio.Event().wait()  # serve until Ctrl-C
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
# ANCHOR_END: main
