//! Exercise 10-3: a span that follows its future.
//!
//! `lookup(user)` logs `asking`, waits for a (pretend) directory for
//! `user.len()` × 10 ms of tokio's clock, logs `found` and returns the
//! length. Both events must be inside a span named `lookup` with a field
//! `user`, and only that span, even while other lookups run at the same
//! time on the same thread. The first version did this:
//!
//! ```text
//! let span = tracing::info_span!("lookup", user);
//! let _entered = span.enter();
//! tracing::info!("asking");
//! tokio::time::sleep(..).await;
//! tracing::info!("found");
//! ```
//!
//! and two lookups at once logged into each other's spans: the guard keeps
//! the span entered on the thread while the future waits. Make the span
//! follow the future instead: `.instrument(span)` on the work, or
//! `#[tracing::instrument]` on the function.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex3`.
//!
//! 练习 10-3：跟着 future 走的 span。
//!
//! `lookup(user)` 先记一条 `asking`，再在 tokio 的时钟上等一个（假装的）
//! 目录服务 `user.len()` × 10 毫秒，然后记一条 `found`，返回长度。两条
//! 事件都必须在一个名为 `lookup`、带字段 `user` 的 span 里，而且只在这个
//! span 里，即使同一线程上同时还有别的查询在跑。最初的版本是这样写的：
//!
//! ```text
//! let span = tracing::info_span!("lookup", user);
//! let _entered = span.enter();
//! tracing::info!("asking");
//! tokio::time::sleep(..).await;
//! tracing::info!("found");
//! ```
//!
//! 结果两个同时进行的查询把事件记进了对方的 span：future 等待的时候，
//! 那个守卫仍让 span 在线程上处于进入状态。改成让 span 跟着 future 走：
//! 在这段工作上用 `.instrument(span)`，或者在函数上加
//! `#[tracing::instrument]`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex3` 检查。

use std::time::Duration;

use tracing::Instrument;

/// `user.len()`, found after `user.len()` × 10 ms, logged in `lookup{user}`.
pub async fn lookup(user: &str) -> usize {
    // TODO: log "asking", sleep, log "found" and return `user.len()`, all
    // of it inside the span `lookup` with the field `user`, entered only
    // while the work runs.
    // TODO: 记 "asking"、睡一会儿、记 "found"，然后返回 `user.len()`；
    // 这些都要在带字段 `user` 的 span `lookup` 里，并且只在这段工作
    // 运行时才进入它。
    todo!()
}
