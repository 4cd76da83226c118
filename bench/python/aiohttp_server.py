"""The seed's aiohttp server in today's form, as the benchmark runs it.

The seed (aiohttp 1.x/2.x) wrote ``web.Application(loop=loop)``,
``app.make_handler()`` and ``loop.create_server``, none of which today's
aiohttp accepts (lesson 04 tells when each went). Today: a plain
``web.Application()`` and ``web.run_app``. The routes are the
seed's, ``/`` and ``/hello/{name}``, each sleeping 0.5 s unless ``--no-sleep``
(the benchmark's raw-throughput mode). Unlike the seed, the name is escaped.

    python3 aiohttp_server.py --port 8000 [--no-sleep]
"""

import argparse
import asyncio
import html

from aiohttp import web


def make_app(sleep: float) -> web.Application:
    async def index(request: web.Request) -> web.Response:
        if sleep:
            await asyncio.sleep(sleep)
        return web.Response(body=b"<h1>Index</h1>", content_type="text/html")

    async def hello(request: web.Request) -> web.Response:
        if sleep:
            await asyncio.sleep(sleep)
        name = html.escape(request.match_info["name"])
        return web.Response(text=f"<h1>hello, {name}!</h1>", content_type="text/html")

    app = web.Application()
    app.add_routes([web.get("/", index), web.get("/hello/{name}", hello)])
    return app


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-sleep", action="store_true", help="answer at once")
    parser.add_argument(
        "--backlog", type=int, default=128, help="listen backlog (aiohttp's default: 128)"
    )
    args = parser.parse_args()
    app = make_app(0.0 if args.no_sleep else 0.5)
    print(f"Server started at http://{args.host}:{args.port}...", flush=True)
    # No access log: the benchmark measures serving, not logging.
    web.run_app(
        app,
        host=args.host,
        port=args.port,
        backlog=args.backlog,
        access_log=None,
        print=None,
    )


if __name__ == "__main__":
    cli()
