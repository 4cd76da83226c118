//! Exercise 07-2: a reader that fell behind, handled on purpose.
//!
//! A `broadcast` channel keeps a fixed number of messages. A receiver that
//! falls further behind than that loses the oldest, and its next `recv`
//! says so once: `Err(RecvError::Lagged(n))`, `n` messages gone. This
//! server's policy is to skip them and tell the client, because in a chat
//! a gap is better than a disconnection, and the bound keeps one slow
//! reader from making the room hold more and more for it.
//!
//! Write `next_line`: the next line for this client from `heard`:
//! - a message: `Some(its text)`;
//! - `Lagged(n)`: `Some("* you missed N messages")` (N the number), after
//!   which the following calls go on with the oldest message still kept;
//! - `Closed` (the room is gone): `None`.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex2`.
//!
//! 练习 07-2：有意识地处理落后的读取方。
//!
//! `broadcast` 通道保留固定数量的消息。落后超过这个数量的接收端
//! 会丢掉最旧的消息，它的下一次 `recv` 会报告一次：
//! `Err(RecvError::Lagged(n))`，丢了 `n` 条消息。这个服务器的策略是
//! 跳过它们并告诉客户端，因为在聊天里缺一段总比断开连接好；而有了这个
//! 上限，读得慢的读取方也没法让聊天室为它保留越来越多的消息。
//!
//! 写出 `next_line`：从 `heard` 取出给这个客户端的下一行：
//! - 一条消息：`Some(它的文本)`；
//! - `Lagged(n)`：`Some("* you missed N messages")`（N 是那个数），之后的
//!   调用从仍保留的最旧一条消息继续；
//! - `Closed`（聊天室没了）：`None`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex2` 检查。

use tokio::sync::broadcast::{self, error::RecvError};

pub async fn next_line(heard: &mut broadcast::Receiver<String>) -> Option<String> {
    // TODO: match on `heard.recv().await`, one arm per case above.
    // TODO: 对 `heard.recv().await` 做 match，上面每种情况一个分支。
    todo!()
}
