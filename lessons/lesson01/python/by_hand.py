"""Lesson 01 in Python: a coroutine driven by hand, with no event loop.

Rust's `by_hand.rs` writes the seed's `hello` as a state machine and polls
it. Python's coroutines are generators underneath: `send(None)` runs one
step (like Rust's `poll`), and `StopIteration` says it is finished (like
`Poll::Ready`). Runs on Python 3.5 and later; checked on 3.11.
"""


# ANCHOR: generator
def hello(index):
    """The seed's coroutine without asyncio: a plain generator."""
    print(f"hello world! index={index}")
    yield  # give the thread back; the next send() resumes here
    print(f"hello again! index={index}")
    return index
# ANCHOR_END: generator


# ANCHOR: async_def
class YieldOnce:
    """An awaitable that suspends its coroutine once, like Rust's Pending."""

    def __await__(self):
        yield


async def hello_async(index):
    """The same coroutine with today's syntax."""
    print(f"hello world! index={index}")
    await YieldOnce()
    print(f"hello again! index={index}")
    return index
# ANCHOR_END: async_def


# ANCHOR: poll_by_hand
def poll_all_by_hand(coroutines):
    """Steps every coroutine in turn until all are done; counts the steps."""
    waiting = list(coroutines)
    polls = 0
    while waiting:
        for coroutine in list(waiting):
            polls += 1
            try:
                coroutine.send(None)  # Rust: future.as_mut().poll(&mut cx)
            except StopIteration:  # Rust: Poll::Ready(..)
                waiting.remove(coroutine)
    return polls
# ANCHOR_END: poll_by_hand


if __name__ == "__main__":
    print("generators:")
    print(f"({poll_all_by_hand([hello(0), hello(1)])} polls)")
    print("async def:")
    print(f"({poll_all_by_hand([hello_async(0), hello_async(1)])} polls)")
