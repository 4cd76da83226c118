//! Exercise 10-1: a test of a retry helper, on the paused clock.
//!
//! This time you write the test. `retry_is_tested(retry)` gets a retry
//! helper with the signature of [`crate::retry::retry`] and must panic (an
//! `assert!` that fails) unless the helper does what `retry`'s documentation
//! promises: at most `ATTEMPTS` calls, waits of 100, 200 and 400 ms between
//! them, `GaveUp` at the end. The grader runs your test against the right
//! helper, where it must pass, and against three faulty ones shipped in
//! `faulty.rs`, where it must fail: one that never retries, one that
//! retries without waiting, and one that never gives up. Use
//! [`crate::retry::Flaky`] as the operation; the clock is paused, so the
//! waits cost no real time, and a `tokio::time::timeout` around each call
//! turns a helper that never returns into a failure instead of a hang.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex1`.
//!
//! 练习 10-1：在暂停的时钟上，给重试函数写测试。
//!
//! 这一次由你来写测试。`retry_is_tested(retry)` 接过一个签名与
//! [`crate::retry::retry`] 相同的重试函数；除非它做到了 `retry` 的文档
//! 所承诺的一切，否则你的测试必须 panic（一个失败的 `assert!`）：最多
//! 调用 `ATTEMPTS` 次，两次调用之间依次等 100、200、400 毫秒，最后返回
//! `GaveUp`。评分程序拿正确的函数运行你的测试，这时它必须通过；再拿
//! `faulty.rs` 里的三个有错的版本运行，这时它必须失败：一个从不重试，
//! 一个重试时不等待，一个永不放弃。用 [`crate::retry::Flaky`] 当被调用
//! 的操作；时钟是暂停的，等待不花真实时间。每次调用外面套一个
//! `tokio::time::timeout`，永不返回的函数就成了一次失败，而不是卡住。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex1` 检查。

use std::time::Duration;

use crate::retry::{Flaky, GaveUp};

/// Panics unless `retry` answers through failures, backs off, and gives up.
pub async fn retry_is_tested(retry: impl AsyncFn(Flaky) -> Result<u32, GaveUp>) {
    // TODO: call `retry` with `Flaky` operations that fail a few times and
    // always, each call inside `tokio::time::timeout`, and assert on what
    // comes back and on the waits `Flaky::gaps` saw.
    // TODO: 用先失败几次的和一直失败的 `Flaky` 操作调用 `retry`，每次调用
    // 都套在 `tokio::time::timeout` 里，再对返回的结果和 `Flaky::gaps`
    // 记下的等待时间做断言。
    todo!()
}
