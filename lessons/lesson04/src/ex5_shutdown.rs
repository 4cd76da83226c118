//! Exercise 04-5: graceful shutdown.
//!
//! Stopping a server by ending the process cuts off every request in
//! flight: a visitor who asked half a second ago gets a broken connection.
//! A graceful shutdown stops *accepting* at once, lets the requests already
//! being served finish, and only then returns. axum does this for you:
//! `axum::serve(listener, router).with_graceful_shutdown(signal)` serves
//! until the future `signal` completes, then drains.
//!
//! Write `serve_until`: serve `router` on `listener` until `stop` completes,
//! then shut down gracefully, and return once every request in flight has
//! been answered. (The lesson's program does the same with Ctrl-C as `stop`.)
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex5`.
//!
//! 练习 04-5：优雅关闭。
//!
//! 通过结束进程来停止服务器，会切断每个处理中的请求：半秒前刚发来请求的
//! 访问者会得到一个断开的连接。优雅关闭会立刻停止接受新连接，让已经在
//! 处理的请求完成，然后才返回。axum 会替你做这件事：
//! `axum::serve(listener, router).with_graceful_shutdown(signal)` 一直提供
//! 服务，直到 future `signal` 完成，然后把手上的请求处理完。
//!
//! 写出 `serve_until`：在 `listener` 上提供 `router` 服务，直到 `stop` 完成，
//! 然后优雅关闭，等每个处理中的请求都得到回应后再返回。（本课的程序用
//! Ctrl-C 作为 `stop`，做的是同一件事。）
//!
//! 只编辑这个文件。用 `cargo test -p lesson04 ex5` 检查。

use std::future::Future;
use std::io;

use axum::Router;
use tokio::net::TcpListener;

pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    // TODO: axum::serve, with a graceful shutdown on `stop`.
    // TODO: 用 axum::serve，并在 `stop` 时优雅关闭。
    todo!()
}
