//! Exercise 05-1: waiting without blocking the thread.
//!
//! A task that must wait (between two tries, say) has two ways to do it.
//! `std::thread::sleep` blocks the whole thread: on tokio's current-thread
//! runtime, like asyncio's one event loop, no other task runs until it
//! returns. `tokio::time::sleep(..).await` suspends only this task and
//! lets the thread run the others. (`cargo run -p lesson05 -- block` shows
//! the difference.)
//!
//! Write `wait_until`: call `ready()`; if it says `true`, return
//! `Some(number of calls so far)`. If not, wait `every` without blocking
//! the thread, and try again, calling `ready` at most `max_checks` times in
//! all. If it never said `true`, return `None`, without waiting after the
//! last call. `max_checks` of 0 means: call nothing, return `None`.
//!
//! The tests run a heartbeat task beside yours on tokio's paused clock: if
//! it did not beat between two of your checks, your wait blocked it.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex1`.
//!
//! 练习 05-1：等待而不阻塞线程。
//!
//! 一个必须等待的任务（比如在两次尝试之间）有两种做法。
//! `std::thread::sleep` 阻塞整个线程：在 tokio 的单线程运行时上，就像在
//! asyncio 唯一的事件循环上一样，它返回之前没有任何其他任务能运行。
//! `tokio::time::sleep(..).await` 只挂起这一个任务，让线程去运行其他任务。
//!（`cargo run -p lesson05 -- block` 可以看到两者的区别。）
//!
//! 写出 `wait_until`：调用 `ready()`；如果它返回 `true`，就返回
//! `Some(到目前为止的调用次数)`。否则，不阻塞线程地等待 `every`，再试一次，
//! 总共最多调用 `ready` `max_checks` 次。如果它始终没有返回 `true`，就返回
//! `None`，最后一次调用之后不要再等待。`max_checks` 为 0 表示：什么也不调用，
//! 返回 `None`。
//!
//! 测试在 tokio 暂停的时钟上、在你的任务旁边运行一个心跳任务：如果在你的
//! 两次检查之间它没有跳动，就说明你的等待阻塞了它。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex1` 检查。

use std::time::Duration;

pub async fn wait_until(
    mut ready: impl FnMut() -> bool,
    every: Duration,
    max_checks: u32,
) -> Option<u32> {
    // TODO: call `ready` up to `max_checks` times, waiting `every` between
    // two calls with an `.await`, never with `std::thread::sleep`.
    // TODO: 最多调用 `ready` `max_checks` 次，两次调用之间用 `.await` 等待
    // `every`，绝不用 `std::thread::sleep`。
    todo!()
}
