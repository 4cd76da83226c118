//! A coroutine written out by hand, and polled by hand, with no runtime.
//!
//! The seed's `hello(index)` prints, waits, and prints again. In Rust the
//! compiler turns an `async fn` like that into a state machine that
//! implements [`Future`]; here we write that machine ourselves, so nothing
//! is hidden: a future is a value, `poll` moves it one step, and it answers
//! `Pending` (not yet; I have arranged to be woken) or `Ready(output)`.

// ANCHOR: hello_future
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// What `async fn hello(index: u32) { greet; yield once; greet again }`
/// compiles to, written by hand.
#[derive(Debug)]
pub struct Hello {
    index: u32,
    state: HelloState,
}

/// Where the coroutine stopped: each `.await` in an `async fn` becomes one
/// of these states.
#[derive(Debug)]
enum HelloState {
    Start,
    Waiting,
    Done,
}

impl Hello {
    pub fn new(index: u32) -> Self {
        Hello {
            index,
            state: HelloState::Start,
        }
    }
}

impl Future for Hello {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        match self.state {
            HelloState::Start => {
                println!("hello world! index={}", self.index);
                self.state = HelloState::Waiting;
                // Not finished yet. Whoever returns Pending must make sure
                // the task gets polled again: here, by waking it at once.
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            HelloState::Waiting => {
                println!("hello again! index={}", self.index);
                self.state = HelloState::Done;
                Poll::Ready(self.index)
            }
            HelloState::Done => panic!("a Hello future was polled after it finished"),
        }
    }
}
// ANCHOR_END: hello_future

// ANCHOR: poll_by_hand
use std::pin::pin;
use std::task::Waker;

/// Polls two `Hello` coroutines in turn on this one thread until both are
/// done: the smallest possible event loop. Returns how many polls it took.
pub fn poll_two_by_hand() -> usize {
    let mut first = pin!(Hello::new(0));
    let mut second = pin!(Hello::new(1));
    let (mut first_done, mut second_done) = (false, false);
    // No runtime, so no real waker: a waker that does nothing is enough
    // when we poll everything again anyway.
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    while !(first_done && second_done) {
        if !first_done {
            polls += 1;
            first_done = first.as_mut().poll(&mut cx).is_ready();
        }
        if !second_done {
            polls += 1;
            second_done = second.as_mut().poll(&mut cx).is_ready();
        }
    }
    polls
}
// ANCHOR_END: poll_by_hand

#[cfg(test)]
mod tests {
    use super::*;

    /// Two coroutines, each pending once: four polls in all.
    #[test]
    fn two_hellos_take_four_polls() {
        assert_eq!(poll_two_by_hand(), 4);
    }

    /// The state machine answers Pending, then Ready with its index.
    #[test]
    fn hello_is_pending_once_then_ready() {
        let mut hello = pin!(Hello::new(7));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(hello.as_mut().poll(&mut cx), Poll::Pending);
        assert_eq!(hello.as_mut().poll(&mut cx), Poll::Ready(7));
    }
}
