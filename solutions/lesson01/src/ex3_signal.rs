//! Exercise 01-3: a future woken from outside.
//!
//! `Countdown` woke itself, which only makes sense for a toy. A real future
//! waits for something that happens elsewhere: a socket has data, a timer
//! expires, another thread finishes. It hands its waker to whoever will see
//! that happen, and that party calls `wake()` when it does.
//!
//! `signal()` makes a pair sharing one `State`: a `Signal` that some other
//! task or thread fires, and a `Fired` future that finishes once it has been
//! fired. Write both halves:
//! - `Fired::poll`: if the state says fired, answer `Ready(())`; otherwise
//!   store a clone of `cx.waker()` in the state and answer `Pending`. Always
//!   keep the latest waker, replacing an older one: between two polls a
//!   future can move to another task, and only the newest waker reaches it.
//! - `Signal::fire`: mark the state fired, and wake the stored waker, if
//!   there is one.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex3`.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the two halves share.
#[derive(Debug, Default)]
struct State {
    fired: bool,
    waker: Option<Waker>,
}

/// The half that fires.
#[derive(Debug, Clone)]
pub struct Signal {
    state: Arc<Mutex<State>>,
}

/// The half that waits: a future that finishes once the signal has fired.
#[derive(Debug)]
pub struct Fired {
    state: Arc<Mutex<State>>,
}

pub fn signal() -> (Signal, Fired) {
    let state = Arc::new(Mutex::new(State::default()));
    (
        Signal {
            state: state.clone(),
        },
        Fired { state },
    )
}

impl Signal {
    pub fn fire(&self) {
        // TODO: mark the shared state fired and wake the stored waker, if any.
        let mut state = self.state.lock().unwrap();
        state.fired = true;
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
    }
}

impl Future for Fired {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: Ready if fired; otherwise keep a clone of the waker, Pending.
        let mut state = self.state.lock().unwrap();
        if state.fired {
            return Poll::Ready(());
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}
