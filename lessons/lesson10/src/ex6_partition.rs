//! Exercise 10-6: a client that a partition cannot hang.
//!
//! [`crate::sim::ask_once`] waits for the server's answer with no limit,
//! and the simulated network of `sim.rs` shows what that costs: when the
//! link fails between the question and the answer, the answer is dropped,
//! and the client waits for ever, even after the link is repaired. Write
//! `ask_patiently(server)`: up to [`ATTEMPTS`] attempts, each a call of
//! `ask_once` given at most [`ATTEMPT_LIMIT`], with [`PAUSE`] between two
//! attempts (a refused connection fails at once, so attempts with no pause
//! would all be spent before the link comes back). It returns the first
//! answer, or the last attempt's error (`TimedOut` for an attempt that ran
//! out of time). The grader runs it on turmoil's network, with the link cut
//! while the first answer is on its way, on a fixed seed, so every run is
//! the same run.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex6`.
//!
//! 练习 10-6：分区困不住的客户端。
//!
//! [`crate::sim::ask_once`] 等服务器的回答时没有任何上限，`sim.rs` 的
//! 模拟网络显示了这样做的代价：链路在问题和回答之间断开时，回答被丢掉，
//! 客户端就永远等下去，链路修好之后也一样。写出
//! `ask_patiently(server)`：最多 [`ATTEMPTS`] 次尝试，每次调用一次
//! `ask_once`，最多给它 [`ATTEMPT_LIMIT`]，两次尝试之间停 [`PAUSE`]
//! （被拒绝的连接会立刻失败，不停顿的话，链路恢复之前尝试次数就全用完
//! 了）。它返回第一个回答，或者最后一次尝试的错误（超时的尝试给出
//! `TimedOut`）。评分程序在 turmoil 的网络上运行它，在第一个回答途中
//! 切断链路，种子是固定的，所以每次运行都是同一次运行。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex6` 检查。

use std::io;
use std::time::Duration;

use crate::sim::ask_once;

/// How many times [`ask_patiently`] asks at most.
pub const ATTEMPTS: u32 = 5;

/// How long one attempt may take.
pub const ATTEMPT_LIMIT: Duration = Duration::from_secs(1);

/// How long [`ask_patiently`] waits after a failed attempt.
pub const PAUSE: Duration = Duration::from_millis(200);

/// The server's answer, within [`ATTEMPTS`] attempts of [`ATTEMPT_LIMIT`]
/// each, [`PAUSE`] apart; else the last attempt's error.
pub async fn ask_patiently(server: &str) -> io::Result<String> {
    // TODO: loop over the attempts: `tokio::time::timeout(ATTEMPT_LIMIT,
    // ask_once(server))`; return an answer at once, keep the error (an
    // `io::ErrorKind::TimedOut` one when time ran out), and sleep `PAUSE`
    // before the next attempt.
    // TODO: 逐次尝试：`tokio::time::timeout(ATTEMPT_LIMIT,
    // ask_once(server))`；拿到回答就立即返回，出错就记下错误（时间用完
    // 时记一个 `io::ErrorKind::TimedOut` 错误），下一次尝试之前睡 `PAUSE`。
    todo!()
}
