//! Exercise 10-4: a panic reported, not lost.
//!
//! `run_all(jobs)` runs every job in a task of its own, all at once, and
//! reports how each ended, in the order of `jobs`: `Ok` with the job's
//! number, or `Err` with the text its panic was raised with (use
//! [`crate::panics::panic_text`] on the payload). A job that panics must
//! neither bring down the others nor vanish: `tokio::spawn` catches the
//! panic, and the `JoinHandle` is the one place it comes back, as a
//! `JoinError` whose `into_panic` gives the payload.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex4`.
//!
//! 练习 10-4：报告 panic，而不是把它弄丢。
//!
//! `run_all(jobs)` 让每个工作项各在自己的任务里同时运行，并按 `jobs` 的
//! 顺序报告每个工作项的结局：`Ok` 带上工作项给出的数，或者 `Err` 带上它
//! panic 时的文字（对 payload 用 [`crate::panics::panic_text`]）。一个
//! panic 的工作项既不能拖垮其他工作项，也不能无声无息地消失：`tokio::spawn`
//! 会接住 panic，而 `JoinHandle` 是它唯一回来的地方，变成一个
//! `JoinError`，它的 `into_panic` 交出 payload。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex4` 检查。

use std::future::Future;
use std::pin::Pin;

use crate::panics::panic_text;

/// One job: a future that gives a number, or panics.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send + 'static>>;

/// How each job ended, in the order given: its number, or its panic's text.
pub async fn run_all(jobs: Vec<Job>) -> Vec<Result<u32, String>> {
    // TODO: spawn every job first, keeping the handles in order; then await
    // each handle and turn a `JoinError` that `is_panic` into its text.
    // TODO: 先把每个工作项都生成出去，按顺序留下句柄；再逐个 await 句柄，
    // 把 `is_panic` 的 `JoinError` 变成它的文字。
    todo!()
}
