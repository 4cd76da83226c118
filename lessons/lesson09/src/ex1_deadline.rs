//! Exercise 09-1: one deadline kept across a `select!` loop.
//!
//! `collect_until(rx, limit)` gathers the numbers that arrive on `rx` until
//! `limit` has passed since the call, and returns them in the order they
//! came; it returns sooner if the channel closes (every sender gone). The
//! loop waits on two things at once with `tokio::select!`: the next
//! message and the deadline. The deadline must be one future, made once
//! before the loop, pinned, and polled through `&mut` on every turn. A
//! `sleep(limit)` written inside the `select!` is a new future on each
//! turn, so its deadline starts over at every message and never comes
//! while messages arrive faster than `limit`.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex1`.
//!
//! 练习 09-1：select! 循环里始终是同一个截止时间。
//!
//! `collect_until(rx, limit)` 收集 `rx` 上陆续到来的数字，直到调用之后过了
//! `limit` 为止，并按到达顺序返回它们；如果通道先关闭了（发送端全都没了），
//! 就提前返回。循环用 `tokio::select!` 同时等两件事：下一条消息和截止时间。
//! 截止时间必须是同一个 future：在循环之前创建一次，固定住，每一轮都通过
//! `&mut` 轮询它。写在 `select!` 里面的 `sleep(limit)` 每一轮都是新的
//! future，所以每来一条消息，它的截止时间就从头算起；只要消息来得比
//! `limit` 快，截止时间就永远不会到。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex1` 检查。
#![forbid(unsafe_code)]

use std::pin::pin;
use std::time::Duration;

use tokio::sync::mpsc;

/// The numbers received on `rx` within `limit` of the call (in the order
/// received), or until the channel closed if that came first.
pub async fn collect_until(mut rx: mpsc::Receiver<u32>, limit: Duration) -> Vec<u32> {
    // TODO: make one `tokio::time::sleep(limit)` before the loop and pin it
    // with `pin!`; then loop on `tokio::select!` over `&mut` that sleep and
    // `rx.recv()`, pushing each number into a `Vec`.
    // TODO: 在循环之前创建一个 `tokio::time::sleep(limit)`，用 `pin!` 固定它；
    // 然后循环执行 `tokio::select!`，同时等待这个 sleep 的 `&mut` 和
    // `rx.recv()`，把每个数字放进 `Vec`。
    todo!()
}
