//! Exercise 10-5: a test that catches a task outliving a shutdown.
//!
//! Write the test once more. `shutdown_is_tested(run_and_stop)` gets a
//! function with the contract of [`crate::shutdown::run_and_stop`]: given
//! a sender, it starts workers that each hold a clone of it, stops them,
//! and returns only when every one has ended. Your test must panic unless,
//! the moment it returns, no clone of the sender is left anywhere. Keep the
//! receiver: its `try_recv` reads `Disconnected` once every sender is gone,
//! and `Empty` while one is still held. The grader runs your test against
//! the right function (it must pass) and two faulty ones in `faulty.rs`
//! (each must fail): one that forgets a worker that never stops, one that
//! tells the workers to stop but returns before they have.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex5`.
//!
//! 练习 10-5：抓住活过关闭的任务的测试。
//!
//! 再写一次测试。`shutdown_is_tested(run_and_stop)` 接过一个约定与
//! [`crate::shutdown::run_and_stop`] 相同的函数：给它一个发送端，它启动
//! 若干 worker，每个都持有发送端的一个克隆，然后让它们停下，直到每个都
//! 结束了才返回。除非它返回的那一刻，发送端的克隆已经一个不剩，否则
//! 你的测试必须 panic。把接收端留在手里：所有发送端都没了以后，它的
//! `try_recv` 读到 `Disconnected`，还有一个被持有时读到 `Empty`。评分程序
//! 拿正确的函数运行你的测试（必须通过），再拿 `faulty.rs` 里的两个有错的
//! 版本运行（每个都必须失败）：一个忘了一个永不停下的 worker，一个通知
//! worker 停下，却不等它们停下就返回了。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex5` 检查。

use tokio::sync::mpsc;

/// Panics unless `run_and_stop` returns, leaving no worker alive.
pub async fn shutdown_is_tested(run_and_stop: impl AsyncFn(mpsc::Sender<()>)) {
    // TODO: make a channel, pass `run_and_stop` its sender inside
    // `tokio::time::timeout`, and check at once, with `try_recv`, that
    // every sender is gone.
    // TODO: 建一个通道，在 `tokio::time::timeout` 里把发送端交给
    // `run_and_stop`，然后立刻用 `try_recv` 检查所有发送端都已不在。
    todo!()
}
