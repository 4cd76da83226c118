//! Exercise 09-6: a retry helper that takes an async closure.
//!
//! `retry(attempts, pause, op)` calls `op` and awaits what it returns, up
//! to `attempts` times (at least once), until one call gives `Ok`; it
//! returns that `Ok`, or the last `Err` once the attempts are used up, and
//! sleeps `pause` between two attempts (not after the last). `op` is an
//! `AsyncFnMut`: an async closure that may change what it captured, such
//! as a counter of its own calls, on every call. A bound written the old
//! way, `F: FnMut() -> Fut`, would refuse such a closure, because each
//! future would borrow the closure that made it.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex6`.
//!
//! 练习 09-6：接受异步闭包的重试函数。
//!
//! `retry(attempts, pause, op)` 调用 `op` 并 await 它返回的东西，最多
//! `attempts` 次（至少一次），直到某次调用得到 `Ok`；它返回那个 `Ok`，
//! 次数用完时则返回最后一个 `Err`。两次尝试之间睡 `pause`（最后一次之后
//! 不睡）。`op` 是 `AsyncFnMut`：每次调用都可以修改它所捕获东西的异步闭包，
//! 比如记录自己被调用次数的计数器。按旧写法的约束 `F: FnMut() -> Fut`
//! 会拒绝这样的闭包，因为每个 future 都会借用创建它的那个闭包。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex6` 检查。
#![forbid(unsafe_code)]

use std::time::Duration;

/// `op`'s first `Ok` within `attempts` calls (at least one), else its last
/// `Err`; `pause` (tokio's clock) between two calls.
pub async fn retry<T, E>(
    attempts: u32,
    pause: Duration,
    mut op: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    // TODO: loop: call `op().await`; return an `Ok` at once, and the `Err`
    // of the last attempt; between attempts, `tokio::time::sleep(pause)`.
    // TODO: 循环：调用 `op().await`；得到 `Ok` 就立即返回，最后一次尝试的
    // `Err` 也返回；两次尝试之间执行 `tokio::time::sleep(pause)`。
    todo!()
}
