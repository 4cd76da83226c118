"""async with: __aenter__ and __aexit__, both awaited."""

# ANCHOR: body
import asyncio


class Connection:
    closed = False

    @classmethod
    async def open(cls):
        await asyncio.sleep(0)
        print("open")
        return cls()

    async def close(self):
        await asyncio.sleep(0)  # e.g. a goodbye message
        self.closed = True
        print("closed")

    async def __aenter__(self):
        return self

    async def __aexit__(self, *error):
        await self.close()

    def __del__(self):  # the nearest to Drop: CPython calls it at once
        if not self.closed:
            print("dropped without close: cleanup without await only")


async def main():
    async with await Connection.open():
        print("using it")

    lost = await Connection.open()
    print("using it")
    del lost  # no close: what Rust's Drop sees after an early return


asyncio.run(main())
# ANCHOR_END: body
