//! Exercise 01-1: a countdown future.
//!
//! A `Future` is a value that gets polled. Each call to `poll` moves it on
//! one step and answers either `Poll::Pending` ("not yet") or
//! `Poll::Ready(output)` ("done, here is the result"). An `async fn` is
//! turned into such a value by the compiler; here you write one by hand.
//!
//! `Countdown::new(3)` must answer `Pending` to its first three polls and
//! `Ready("liftoff")` to the fourth; `Countdown::new(0)` is ready at once.
//!
//! One rule makes it work on a real runtime: a future that answers `Pending`
//! is only polled again after its waker is woken. Nothing else will wake a
//! countdown, so it must wake itself: call `cx.waker().wake_by_ref()` each
//! time before you return `Pending`.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex1`.
//!
//! 练习 01-1：倒计时 future。
//!
//! `Future` 是一个被轮询的值。每次调用 `poll` 都让它前进一步，并返回
//! `Poll::Pending`（“还没好”）或 `Poll::Ready(output)`（“好了，结果在这里”）。
//! 编译器会把 `async fn` 变成这样的值；这里你要亲手写一个。
//!
//! `Countdown::new(3)` 对前三次轮询必须返回 `Pending`，对第四次返回
//! `Ready("liftoff")`；`Countdown::new(0)` 一开始就是就绪的。
//!
//! 要让它在真正的运行时上工作，有一条规则：返回了 `Pending` 的 future，
//! 只有在它的唤醒器被唤醒之后才会再次被轮询。没有别人会唤醒一个倒计时，
//! 所以它必须自己唤醒自己：每次返回 `Pending` 之前，先调用
//! `cx.waker().wake_by_ref()`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson01 ex1` 检查。

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

#[derive(Debug)]
pub struct Countdown {
    remaining: u32,
}

impl Countdown {
    pub fn new(from: u32) -> Self {
        Countdown { remaining: from }
    }
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: answer Ready("liftoff") once `self.remaining` is zero;
        // otherwise count down by one, wake the waker, and answer Pending.
        // TODO: `self.remaining` 为零时返回 Ready("liftoff")；
        // 否则减一，调用唤醒器，然后返回 Pending。
        todo!()
    }
}
