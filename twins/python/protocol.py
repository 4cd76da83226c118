"""typing.Protocol with an async method: a trait with an async fn."""

# ANCHOR: body
import asyncio
from typing import Protocol


class Greeter(Protocol):
    async def greet(self, name: str) -> str: ...


class English:
    async def greet(self, name: str) -> str:
        return f"hello, {name}"


class Shouting:
    async def greet(self, name: str) -> str:
        await asyncio.sleep(0)
        return f"HELLO, {name.upper()}"


async def greet_all(greeter: Greeter, names: list[str]) -> None:
    for name in names:
        print(await greeter.greet(name))


async def main():
    await greet_all(English(), ["ann", "bo"])
    await greet_all(Shouting(), ["cy"])
    task = asyncio.create_task(Shouting().greet("di"))
    print(await task)


asyncio.run(main())
# ANCHOR_END: body
