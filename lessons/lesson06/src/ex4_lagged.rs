//! Exercise 06-4: a subscriber that falls behind.
//!
//! A `broadcast` channel keeps its last `capacity` messages for its
//! subscribers; a sender never waits for a slow one. A subscriber that
//! falls further behind than that has lost messages, and its next `recv`
//! says so, once: `Err(RecvError::Lagged(n))`, `n` messages missed. The
//! next `recv` goes on from the oldest message still kept. Only
//! `Err(RecvError::Closed)` means the end: every sender has gone and
//! nothing is left to read. The trap is `while let Ok(m) = rx.recv().await`,
//! which takes the first `Lagged` for the end and quietly stops listening.
//!
//! Write `follow`: read every message until the channel is closed, keeping
//! the messages in order and counting how many were missed in all.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex4`.
//!
//! 练习 06-4：落在后面的订阅者。
//!
//! `broadcast` 通道为订阅者保留最近的 `capacity` 条消息；发送端从不等待慢的
//! 订阅者。落后超过这个数的订阅者就丢了消息，它的下一次 `recv` 会告诉它，
//! 而且只说一次：`Err(RecvError::Lagged(n))`，即错过了 `n` 条消息。再下一次
//! `recv` 从仍保留的最旧消息接着读。只有 `Err(RecvError::Closed)` 才表示
//! 结束：所有发送端都不在了，也没有剩下可读的消息。陷阱是
//! `while let Ok(m) = rx.recv().await`：它把第一次 `Lagged` 当成结束，悄悄地
//! 不再收听。
//!
//! 写出 `follow`：一直读取消息直到通道关闭，按顺序保留消息，并统计一共
//! 错过了多少条。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex4` 检查。

use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

/// What a subscriber saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The messages received, in order.
    pub seen: Vec<u32>,
    /// How many messages it missed by lagging, in all.
    pub missed: u64,
}

/// Reads `rx` to its end (every sender gone); what it saw and missed.
pub async fn follow(mut rx: broadcast::Receiver<u32>) -> Followed {
    // TODO: loop over rx.recv(): keep each message, add up what each
    // Lagged(n) says was missed and go on, and stop only at Closed.
    // TODO: 循环调用 rx.recv()：保留每条消息，把每个 Lagged(n) 说的错过数
    // 加起来并继续，只在 Closed 时停止。
    todo!()
}
