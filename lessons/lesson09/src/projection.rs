//! A future that wraps a future: pin projection, by hand and by macro.
//!
//! [`TimedByHand`] and [`Timed`] are the same future: they run an inner
//! future and finish with its output and how long it took on tokio's clock,
//! from their first poll. Their `poll` gets `Pin<&mut Self>` and must poll
//! the inner future, which needs a `Pin<&mut F>`. Turning a pin of the
//! whole into a pin of one field is *pin projection*. The compiler cannot
//! check it: it is sound only if the struct never moves the field out,
//! never hands out `&mut F` elsewhere, and drops it in place (no `Drop`
//! impl of the struct moves it). So by hand it takes `unsafe`, and this is
//! the one module of the lesson that allows it (its `Cargo.toml` denies
//! `unsafe_code` instead of forbidding it for this module's sake; every
//! exercise forbids it). `pin_project!` writes the same projection and
//! refuses structs for which it would be unsound (a `Drop` impl, for one).
#![allow(unsafe_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: by_hand
/// `inner`, finishing with `(output, time from the first poll)`.
#[derive(Debug)]
pub struct TimedByHand<F> {
    inner: F,                 // structurally pinned: only ever reached pinned
    started: Option<Instant>, // not pinned: a plain value, free to change
}

impl<F> TimedByHand<F> {
    pub fn new(inner: F) -> Self {
        TimedByHand {
            inner,
            started: None,
        }
    }
}

impl<F: Future> Future for TimedByHand<F> {
    type Output = (F::Output, Duration);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // SAFETY: `inner` is never moved out of a pinned `TimedByHand`:
        // this is the only place it is reached, always as `Pin<&mut F>`;
        // the struct has no `Drop` impl and is not `Unpin` unless `F` is.
        // `started` is never pinned, so a plain `&mut` to it is fine.
        let this = unsafe { self.get_unchecked_mut() };
        let started = *this.started.get_or_insert_with(Instant::now);
        let inner = unsafe { Pin::new_unchecked(&mut this.inner) };
        match inner.poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, started.elapsed())),
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: by_hand

// ANCHOR: by_macro
pin_project_lite::pin_project! {
    /// The same future, its projection written by `pin_project!`.
    #[derive(Debug)]
    pub struct Timed<F> {
        #[pin]
        inner: F,
        started: Option<Instant>,
    }
}

impl<F> Timed<F> {
    pub fn new(inner: F) -> Self {
        Timed {
            inner,
            started: None,
        }
    }
}

impl<F: Future> Future for Timed<F> {
    type Output = (F::Output, Duration);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project(); // inner: Pin<&mut F>, started: &mut Option<Instant>
        let started = *this.started.get_or_insert_with(Instant::now);
        match this.inner.poll(cx) {
            Poll::Ready(output) => Poll::Ready((output, started.elapsed())),
            Poll::Pending => Poll::Pending,
        }
    }
}
// ANCHOR_END: by_macro

#[cfg(test)]
mod tests {
    use super::*;

    /// Both measure a 250 ms sleep as 250 ms on the paused clock.
    #[tokio::test(start_paused = true)]
    async fn both_time_the_inner_future() {
        let wait = Duration::from_secs(5);
        let sleep = || tokio::time::sleep(Duration::from_millis(250));
        let (_, by_hand) = tokio::time::timeout(wait, TimedByHand::new(sleep()))
            .await
            .unwrap();
        let (_, by_macro) = tokio::time::timeout(wait, Timed::new(sleep()))
            .await
            .unwrap();
        assert_eq!(by_hand, Duration::from_millis(250));
        assert_eq!(by_macro, Duration::from_millis(250));
    }
}
