//! Futures whose behaviour a test controls, to feed to an exercise that
//! drives or combines futures.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

/// Pending a set number of times (waking itself each time, as a well-behaved
/// future must), then ready with its output. It counts its polls, and a
/// poll after `Ready` fails the test: a finished future must never be
/// polled again.
#[derive(Debug)]
pub struct PendingTimes<T> {
    left: usize,
    output: Option<T>,
    polls: Arc<AtomicUsize>,
}

/// How many times a [`PendingTimes`] has been polled so far.
#[derive(Debug, Clone)]
pub struct PollCount(Arc<AtomicUsize>);

impl PollCount {
    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl<T> PendingTimes<T> {
    /// Pending `left` times, then `Ready(output)`; and its poll counter.
    pub fn new(left: usize, output: T) -> (Self, PollCount) {
        let polls = Arc::new(AtomicUsize::new(0));
        let future = PendingTimes {
            left,
            output: Some(output),
            polls: polls.clone(),
        };
        (future, PollCount(polls))
    }
}

impl<T: Unpin> Future for PendingTimes<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.left == 0 {
            let output = self.output.take();
            return Poll::Ready(output.expect(
                "a future was polled again after it returned Ready; a finished future must never \
                 be polled again: stop at the first Ready",
            ));
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
