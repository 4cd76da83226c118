//! Exercise 02-3: `join_all`, which keeps the order.
//!
//! The seed waits for its coroutines with `asyncio.wait(tasks)`; today one
//! writes `await asyncio.gather(*coros)`, which runs them all at once and
//! returns their results in the order they were given, whatever order they
//! finished in. Here you write that combinator as a future, by hand.
//!
//! `JoinAll` holds one slot per future. Each time it is polled it polls
//! every future that is still running (all of them, not only the first: a
//! future only makes progress when polled, and the waker in `cx` is what
//! each of them will call). A future that answers `Ready(output)` has its
//! slot turned into `Done(output)` and is never polled again. When no slot
//! is running any more, take the outputs out, in slot order, and answer
//! `Ready(outputs)`; until then answer `Pending`.
//!
//! No spawning: everything runs inside the one task that awaits `JoinAll`.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex3`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One future's place in `JoinAll`.
pub enum Slot<F: Future> {
    /// Still running. Boxed, so it stays put in memory while `JoinAll` moves.
    Running(Pin<Box<F>>),
    /// Finished, with its output.
    Done(F::Output),
    /// Its output has been handed back.
    Taken,
}

/// Waits for every future, and gives their outputs in the order given.
pub struct JoinAll<F: Future> {
    slots: Vec<Slot<F>>,
}

/// Every future in `futures`, run at once; their outputs in the same order.
pub fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> JoinAll<F> {
    JoinAll {
        slots: futures
            .into_iter()
            .map(|f| Slot::Running(Box::pin(f)))
            .collect(),
    }
}

// The running futures are boxed, so nothing in `JoinAll` needs pinning and
// `poll` may use `self.get_mut()`.
impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        let slots = &mut self.get_mut().slots;
        // TODO: poll every running slot, turning it into Done(output) when
        // it is ready; answer Pending while any is still running; then take
        // the outputs out in slot order and answer Ready(outputs).
        let mut all_done = true;
        for slot in slots.iter_mut() {
            if let Slot::Running(future) = slot {
                match future.as_mut().poll(cx) {
                    Poll::Ready(output) => *slot = Slot::Done(output),
                    Poll::Pending => all_done = false,
                }
            }
        }
        if !all_done {
            return Poll::Pending;
        }
        let outputs = slots
            .iter_mut()
            .map(|slot| match std::mem::replace(slot, Slot::Taken) {
                Slot::Done(output) => output,
                _ => unreachable!("every slot is done"),
            })
            .collect();
        Poll::Ready(outputs)
    }
}

impl<F: Future> fmt::Debug for JoinAll<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let running = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Running(_)))
            .count();
        f.debug_struct("JoinAll")
            .field("futures", &self.slots.len())
            .field("running", &running)
            .finish()
    }
}

impl<F: Future> fmt::Debug for Slot<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Slot::Running(_) => "Running",
            Slot::Done(_) => "Done",
            Slot::Taken => "Taken",
        })
    }
}
