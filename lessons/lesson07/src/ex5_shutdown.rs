//! Exercise 07-5: a graceful shutdown.
//!
//! When the server is told to stop (`stop` is cancelled), it must stop
//! accepting at once, let every client's task say goodbye (each `handler`
//! watches `stop` itself), and wait for those tasks, but not for ever: a
//! client that does not read can keep its task writing.
//!
//! Write `serve`: accept connections from `listener`, each handled by
//! `handler(stream, stop.clone())` in a task spawned on a
//! `tokio_util::task::TaskTracker`, until `stop` is cancelled (`select!`
//! between `stop.cancelled()` and `listener.accept()`). Then drop the
//! listener (so new clients are refused, not kept waiting), close the
//! tracker, and wait for its tasks for at most `deadline`. Return `true`
//! if they all ended in time, `false` if the deadline came first.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex5`.
//!
//! 练习 07-5：优雅关闭。
//!
//! 当服务器被告知停止（`stop` 被取消）时，它必须立刻停止接受连接，
//! 让每个客户端的任务道别（每个 `handler` 自己监听 `stop`），并等待
//! 这些任务，但不能永远等下去：不读取的客户端可能让它的任务
//! 一直在写。
//!
//! 写出 `serve`：从 `listener` 接受连接，每个连接由
//! `handler(stream, stop.clone())` 处理，放在用
//! `tokio_util::task::TaskTracker` 生成（spawn）的任务里，直到 `stop`
//! 被取消（在 `stop.cancelled()` 和 `listener.accept()` 之间
//! `select!`）。然后丢弃监听器（这样新的客户端会被拒绝，而不是一直
//! 等待），关闭跟踪器，最多等待它的任务 `deadline` 那么久。如果它们都按时结束就返回
//! `true`，如果截止时间先到就返回 `false`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex5` 检查。

use std::future::Future;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub async fn serve<H, F>(
    listener: TcpListener,
    stop: CancellationToken,
    deadline: Duration,
    handler: H,
) -> bool
where
    H: Fn(TcpStream, CancellationToken) -> F,
    F: Future<Output = ()> + Send + 'static,
{
    // TODO: the accept loop on a TaskTracker, then the wait within the
    // deadline, as the task above says.
    // TODO: 在 TaskTracker 上写接受连接的循环，然后在截止时间内等待，
    // 按上面任务说的做。
    todo!()
}
