//! Exercise 01-2: a future does nothing until it is polled.
//!
//! In Python, `asyncio.create_task(coro)` schedules a coroutine at once. A
//! Rust future is inert: creating one runs none of its code. Something must
//! poll it, and that something is usually a runtime. Here you are the
//! runtime.
//!
//! Write `poll_to_completion`, which drives any future to its end on this
//! thread with no runtime at all:
//! 1. pin the future (`std::pin::pin!`), because `poll` takes `Pin<&mut F>`;
//! 2. make a `Context` from a waker that does nothing, `Waker::noop()`:
//!    we poll again straight away, so nobody needs waking;
//! 3. call `poll` until it answers `Ready(output)`, counting the calls.
//!
//! Return the output and the number of polls it took: every call to `poll`,
//! the last one (which answered `Ready`) included. Do not poll again after
//! `Ready`: a finished future may panic if you do.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex2`.
//!
//! 练习 01-2：future 在被轮询之前什么也不做。
//!
//! 在 Python 里，`asyncio.create_task(coro)` 会立刻调度一个协程。Rust 的
//! future 却是惰性的：创建它不会执行它的任何代码。必须有东西去轮询它，
//! 这个东西通常是运行时。在这里，你就是运行时。
//!
//! 写出 `poll_to_completion`：它在当前线程上、完全不用运行时，把任意一个
//! future 驱动到结束：
//! 1. 固定这个 future（`std::pin::pin!`），因为 `poll` 接收的是 `Pin<&mut F>`；
//! 2. 用一个什么也不做的唤醒器 `Waker::noop()` 构造一个 `Context`：
//!    我们马上就会再次轮询，所以不需要唤醒谁；
//! 3. 反复调用 `poll`，直到它返回 `Ready(output)`，同时数一数调用了几次。
//!
//! 返回输出和轮询的次数：每一次调用 `poll` 都算，最后那次（返回 `Ready`
//! 的那次）也算在内。得到 `Ready` 之后不要再轮询：对已经完成的 future
//! 再轮询，它可能会 panic。
//!
//! 只编辑这个文件。用 `cargo test -p lesson01 ex2` 检查。

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub fn poll_to_completion<F: Future>(future: F) -> (F::Output, usize) {
    // TODO: pin `future`, make a Context from `Waker::noop()`, and poll
    // until Ready, counting the polls.
    // TODO: 固定 `future`，用 `Waker::noop()` 构造一个 Context，然后一直轮询
    // 到 Ready，同时数一数轮询的次数。
    todo!()
}
