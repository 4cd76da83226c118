//! Exercise 06-5: a stream written by hand.
//!
//! A `Stream` is polled like a future but gives many values: its `poll_next` returns
//! `Poll::Ready(Some(item))` for each one, `Poll::Ready(None)` at the end,
//! and `Poll::Pending` when the next is not ready yet, having arranged to be
//! woken when it is. `Ticks` gives 1, 2, … `last`, one every `every`: the
//! twin of an async generator that sleeps and yields in a loop. It owns one
//! timer (`tokio::time::Sleep`), pinned in a box so that it can be polled.
//!
//! Write `poll_next`: at the end, `Ready(None)`. Otherwise poll the timer;
//! while it is pending, return `Pending` (the timer has registered the
//! waker, so you will be polled again when it fires). When it fires, move
//! its deadline on by `every` (`Sleep::reset`, from its old deadline, so
//! the ticks do not drift) and give the next number.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex5`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use tokio::time::Sleep;

/// 1, 2, … `last`, the k-th one `k * every` after `Ticks::new`.
#[derive(Debug)]
pub struct Ticks {
    next: u32,
    last: u32,
    every: Duration,
    timer: Pin<Box<Sleep>>,
}

impl Ticks {
    /// Given.
    pub fn new(last: u32, every: Duration) -> Ticks {
        Ticks {
            next: 1,
            last,
            every,
            timer: Box::pin(tokio::time::sleep(every)),
        }
    }
}

impl Stream for Ticks {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        // TODO: Ready(None) after `last`; Pending while the timer is
        // pending; when it fires, reset it `every` later and give the next
        // number.
        if self.next > self.last {
            return Poll::Ready(None);
        }
        if self.timer.as_mut().poll(cx).is_pending() {
            return Poll::Pending; // the timer woke nobody yet, but will
        }
        let next_deadline = self.timer.deadline() + self.every;
        self.timer.as_mut().reset(next_deadline);
        let n = self.next;
        self.next += 1;
        Poll::Ready(Some(n))
    }
}
