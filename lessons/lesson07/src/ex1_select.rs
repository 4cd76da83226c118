//! Exercise 07-1: one client's loop, between its socket and the room.
//!
//! A client's task waits on two things at once: the client's next line
//! and the room's next message. Whichever comes first is handled, and the
//! task waits again. Waiting on one and then the other would leave a quiet
//! client deaf to the room, or a busy room unable to hear the client.
//!
//! Write `relay`: until the client's lines end (`from_client` gives
//! `None`), `select!` between
//! - the client's next line `text`: send `Said { from: name, line: "NAME: TEXT" }`
//!   into the room (nobody listening is not an error);
//! - the room's next `Said`: send its `line` to the client on `to_client`,
//!   unless `from` is this client's own name (it has its line on screen
//!   already). If the room is closed, or lags, return (exercise 07-2
//!   handles lag properly).
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex1`.
//!
//! 练习 07-1：一个客户端在套接字和聊天室之间的循环。
//!
//! 客户端的任务同时等待两件事：客户端的下一行和聊天室的下一条
//! 消息。哪个先来就先处理哪个，然后任务再次等待。先等一边、再等
//! 另一边，会让安静的客户端听不到聊天室，或者让忙碌的聊天室
//! 听不到这个客户端。
//!
//! 写出 `relay`：反复在下面两者之间 `select!`，直到客户端的行结束
//! （`from_client` 返回 `None`）：
//! - 客户端的下一行 `text`：把 `Said { from: name, line: "NAME: TEXT" }`
//!   发进聊天室（没有人在听不算错误）；
//! - 聊天室的下一个 `Said`：把它的 `line` 通过 `to_client` 发给客户端，
//!   除非 `from` 就是这个客户端自己的名字（它的屏幕上已经有这一行了）。
//!   如果聊天室已关闭或者落后了，就返回（练习 07-2 会妥善处理
//!   落后）。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex1` 检查。

use tokio::sync::{broadcast, mpsc};

/// A line said in the room, and the name of who said it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub from: String,
    pub line: String,
}

pub async fn relay(
    name: &str,
    mut from_client: mpsc::Receiver<String>,
    to_client: mpsc::Sender<String>,
    room: broadcast::Sender<Said>,
) {
    let mut heard = room.subscribe();
    // TODO: loop over a `tokio::select!` of `from_client.recv()` and
    // `heard.recv()`, as the task above says.
    // TODO: 在循环里对 `from_client.recv()` 和
    // `heard.recv()` 做 `tokio::select!`，按上面任务说的做。
    todo!()
}
