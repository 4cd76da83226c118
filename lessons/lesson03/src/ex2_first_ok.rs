//! Exercise 03-2: the first good answer wins.
//!
//! A file is on two servers, a primary and a mirror. Ask both at once and
//! take whichever answers first, but only if that answer is good: an error
//! from one should not win the race, it should leave the race to the other.
//! Only when both have failed is the result an error, carrying both.
//!
//! Write `first_ok` with `tokio::select!` in a loop. Two things to know:
//! - `select!` takes a future by `&mut` only if it is pinned; `pin!` does it;
//! - a branch can be switched off with `, if condition`, which keeps a
//!   finished future from being polled again; when every branch is off,
//!   the `else =>` branch runs.
//!
//! When one wins, `first_ok` returns and the other future is dropped, which
//! cancels it (nothing else ever polls it again).
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex2`.
//!
//! 练习 03-2：第一个好答案胜出。
//!
//! 一个文件放在两台服务器上：主服务器和镜像。同时向两者请求，谁先回答就
//! 用谁的，但前提是这个回答是好的：一方的错误不应赢得竞速，而应把竞速
//! 让给另一方。只有两者都失败时，结果才是错误，并带上两个错误。
//!
//! 在循环里用 `tokio::select!` 写出 `first_ok`。有两点需要知道：
//! - `select!` 只有在 future 被固定时才能通过 `&mut` 接收它；`pin!` 可以做到；
//! - 可以用 `, if 条件` 关掉一个分支，这样已经完成的 future 就不会再被轮询；
//!   所有分支都关掉时，运行 `else =>` 分支。
//!
//! 一方胜出时，`first_ok` 就返回，另一个 future 被丢弃，也就是被取消
//!（再也没有任何东西去轮询它）。
//!
//! 只编辑这个文件。用 `cargo test -p lesson03 ex2` 检查。

use std::future::Future;
use std::pin::pin;

/// Which server gave the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Primary,
    Mirror,
}

/// The first `Ok` of the two, and who gave it; or, if both fail, both
/// errors as `(primary's, mirror's)`.
pub async fn first_ok<T, E>(
    primary: impl Future<Output = Result<T, E>>,
    mirror: impl Future<Output = Result<T, E>>,
) -> Result<(Source, T), (E, E)> {
    let mut primary = pin!(primary);
    let mut mirror = pin!(mirror);
    // TODO: race them with select! in a loop; an Err only switches its branch off.
    // TODO: 在循环里用 select! 让它们竞速；一个 Err 只会关掉它自己的分支。
    todo!()
}
