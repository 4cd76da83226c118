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
        if self.remaining == 0 {
            return Poll::Ready("liftoff");
        }
        self.remaining -= 1;
        // Ask to be polled again; without this a runtime would wait forever.
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
