//! Exercise 01-2: a future does nothing until it is polled.
//!
//! In Python, `asyncio.create_task(coro)` schedules a coroutine at once. A
//! Rust future is inert: creating one runs none of its code. Something must
//! poll it, and that something is usually a runtime. Here you are the
//! runtime.
//!
//! Write `poll_to_completion`, which drives any future to its end on this
//! thread with no runtime at all:
//! 1. pin the future (`std::pin::pin!`), because `poll` takes `Pin<&mut F>`;
//! 2. make a `Context` from a waker that does nothing, `Waker::noop()`:
//!    we poll again straight away, so nobody needs waking;
//! 3. call `poll` until it answers `Ready(output)`, counting the calls.
//!
//! Return the output and the number of polls it took: every call to `poll`,
//! the last one (which answered `Ready`) included. Do not poll again after
//! `Ready`: a finished future may panic if you do.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex2`.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub fn poll_to_completion<F: Future>(future: F) -> (F::Output, usize) {
    // TODO: pin `future`, make a Context from `Waker::noop()`, and poll
    // until Ready, counting the polls.
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return (output, polls);
        }
    }
}
