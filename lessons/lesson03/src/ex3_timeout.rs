//! Exercise 03-3: a timeout with its own error type.
//!
//! `tokio::time::timeout` gives `Result<Result<T, E>, Elapsed>`: two layers,
//! and an `Elapsed` that does not say how long the limit was. A program
//! wants one error type that tells the two failures apart and prints well.
//! Write:
//! - `Display` for `TimeoutError`: exactly `timed out after {:?}` with the
//!   limit (so `timed out after 2s`), or `failed: {}` with the inner error;
//! - `source()`: the inner error for `Failed`, nothing for `TimedOut`, so
//!   that error reporters can walk the chain;
//! - `with_timeout`: run `future` for at most `limit`. On time, its own
//!   result (an `Err` becomes `Failed`); too late, `TimedOut(limit)`, and
//!   the future is dropped, which cancels it where it stood.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex3`.
//!
//! 练习 03-3：带有自己错误类型的超时。
//!
//! `tokio::time::timeout` 返回的是 `Result<Result<T, E>, Elapsed>`：两层，
//! 而且 `Elapsed` 并不说明时限是多长。程序想要的是一种错误类型，既能区分
//! 这两种失败，又能打印得清楚。写出：
//! - `TimeoutError` 的 `Display`：正好是带上时限的 `timed out after {:?}`
//!   （即 `timed out after 2s`），或者带上内层错误的 `failed: {}`；
//! - `source()`：`Failed` 返回内层错误，`TimedOut` 什么也不返回，这样错误
//!   报告工具就能沿着错误链往下走；
//! - `with_timeout`：运行 `future`，最多 `limit` 那么长时间。按时完成就返回它
//!   自己的结果（`Err` 变成 `Failed`）；超时就返回 `TimedOut(limit)`，并丢弃
//!   这个 future，也就是在它停下的地方取消它。
//!
//! 只编辑这个文件。用 `cargo test -p lesson03 ex3` 检查。

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::time::Duration;

/// Why `with_timeout` gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeoutError<E> {
    /// The limit passed first; the future was dropped.
    TimedOut(Duration),
    /// The future finished in time, with this error.
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for TimeoutError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // TODO: "timed out after {limit:?}" or "failed: {inner}".
        // TODO: "timed out after {limit:?}" 或者 "failed: {inner}"。
        todo!()
    }
}

impl<E: Error + 'static> Error for TimeoutError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        // TODO: the inner error for Failed, None for TimedOut.
        // TODO: Failed 返回内层错误，TimedOut 返回 None。
        todo!()
    }
}

/// Runs `future` for at most `limit`.
pub async fn with_timeout<T, E>(
    limit: Duration,
    future: impl Future<Output = Result<T, E>>,
) -> Result<T, TimeoutError<E>> {
    // TODO: tokio::time::timeout, then flatten the two layers into one.
    // TODO: 用 tokio::time::timeout，再把两层压平成一层。
    todo!()
}
