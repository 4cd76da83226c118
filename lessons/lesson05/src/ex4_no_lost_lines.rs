//! Exercise 05-4: a `select!` loop that loses no line.
//!
//! `cancel.rs` has a loop that reads lines and counts heartbeats in one
//! `tokio::select!`: `receive_lossy`. When the heartbeat wins while a line
//! is half read, `select!` drops the `read_line` future, and the half line
//! it held is lost. tokio's documentation says for each method whether it
//! is "cancel safe": whether dropping it half-way can lose anything.
//!
//! Write `receive`: the same job, losing nothing. Read lines (ending in
//! `\n`) until the end of the stream, and put each one, without its `\n`,
//! in `messages`; meanwhile, count a heartbeat each time an `every` interval
//! ticks (not counting the interval's first tick, which is immediate).
//! Keep the `select!`: either make what it cancels cancel safe (tokio's
//! `lines()` gives a `next_line` that is, and so is `read_until` into a
//! buffer that outlives the loop), or keep one read future alive across
//! the turns of the loop instead of making a new one each turn.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex4`.
//!
//! 练习 05-4：一行也不丢的 `select!` 循环。
//!
//! `cancel.rs` 里有一个在同一个 `tokio::select!` 中读取各行并数心跳的循环：
//! `receive_lossy`。当心跳在一行读到一半时胜出，`select!` 就会丢弃
//! `read_line` 的 future，它手里那半行也就丢失了。tokio 的文档为每个方法
//! 写明了它是否“cancel safe”（取消安全）：在中途丢弃它会不会丢失任何东西。
//!
//! 写出 `receive`：同样的工作，但什么也不丢。一直读取以 `\n` 结尾的行，
//! 直到流结束，把每一行去掉 `\n` 后放进 `messages`；与此同时，每当一个
//! `every` 间隔的 interval 跳动一次，就数一次心跳（不算 interval 立即发生
//! 的第一次跳动）。保留 `select!`：要么让它取消的东西是取消安全的（tokio
//! 的 `lines()` 给出的 `next_line` 就是，读进一个比循环活得更久的缓冲区的
//! `read_until` 也是），要么让同一个读取 future 跨越循环的各轮一直活着，
//! 而不是每一轮都新建一个。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex4` 检查。

use std::time::Duration;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::cancel::Received;

pub async fn receive<R: AsyncBufRead + Unpin>(reader: R, every: Duration) -> Received {
    // TODO: a loop around `tokio::select!` between reading the next line
    // and the heartbeat's next tick, where a tick never costs a line.
    // TODO: 一个套在 `tokio::select!` 外面的循环，在读取下一行与心跳的
    // 下一次跳动之间选择，而且一次跳动永远不会让你丢掉一行。
    todo!()
}
