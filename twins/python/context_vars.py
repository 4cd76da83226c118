"""contextvars: a value per task, without passing it down."""

# ANCHOR: body
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="none")


async def handle():
    await asyncio.sleep(0)
    return f"handling {request_id.get()}"


async def serve(rid):
    request_id.set(rid)  # only in this task's copy of the context
    return await handle()


async def main():
    one = asyncio.create_task(serve("r1"))
    two = asyncio.create_task(serve("r2"))
    print(await one)
    print(await two)
    print(f"outside: {request_id.get()}")


asyncio.run(main())
# ANCHOR_END: body
