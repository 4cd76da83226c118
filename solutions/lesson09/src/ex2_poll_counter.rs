//! Exercise 09-2: a future that wraps a future.
//!
//! `Counted::new(inner)` is a future that runs `inner` and finishes with
//! its output and the number of times it was polled, this last poll
//! included. Its `poll` must poll `inner`, which it can reach only through
//! `Pin<&mut Self>`: `pin_project!` (from pin-project-lite, the macro tokio
//! itself uses) writes the safe `project` method that turns it into a
//! `Pin<&mut F>` for the field marked `#[pin]` and a plain `&mut u32` for
//! the other. Pass the very `cx` you were given on to `inner`: its waker is
//! how the task is told to poll again.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex2`.
#![forbid(unsafe_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project_lite::pin_project! {
    /// `inner`, counting its polls: finishes with `(output, polls)`.
    #[derive(Debug)]
    pub struct Counted<F> {
        #[pin]
        inner: F,
        polls: u32,
    }
}

impl<F> Counted<F> {
    /// Wraps `inner`; nothing runs until the result is polled.
    pub fn new(inner: F) -> Self {
        Counted { inner, polls: 0 }
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: `self.project()` gives the fields; count this poll in
        // `polls`, then poll `inner` with `cx` and, once it is ready, give
        // back its output with the count.
        let this = self.project();
        *this.polls += 1;
        match this.inner.poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, *this.polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}
