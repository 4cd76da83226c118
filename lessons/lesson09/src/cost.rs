//! What a call through `dyn` costs against a generic one: the figures
//! `cargo run -p lesson09 -- --measure` prints and chapter 9 quotes.
//!
//! Each greeting's future is polled once by hand, with a waker that does
//! nothing, so the figures hold the call, its future and (through `dyn`)
//! the box, but no runtime's work. What they cannot show is the cost a
//! real program pays around them: the allocator under load, caches.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::traits::{DynGreeter, SendGreeter};

// ANCHOR: cost
/// Greets with an empty `String` (which allocates nothing), so that a
/// call's cost is the call and its future alone.
#[derive(Debug)]
pub struct Silent;

impl SendGreeter for Silent {
    async fn greet(&self, _name: &str) -> String {
        String::new()
    }
}

/// Time per call, in nanoseconds, of `calls` greetings by [`Silent`]:
/// `(generic, boxed through dyn)`. Each future is polled once by hand
/// (it is ready at once), so no runtime's work is counted.
pub fn cost_per_call(calls: u32) -> (f64, f64) {
    use std::hint::black_box;
    let greeter = Silent;
    let start = std::time::Instant::now();
    for _ in 0..calls {
        black_box(poll_once(SendGreeter::greet(black_box(&greeter), "ann")));
    }
    let generic = start.elapsed();
    let dynamic: &dyn DynGreeter = black_box(&greeter);
    let start = std::time::Instant::now();
    for _ in 0..calls {
        black_box(poll_once(dynamic.greet_boxed("ann")));
    }
    let boxed = start.elapsed();
    let per_call = |total: Duration| total.as_nanos() as f64 / f64::from(calls.max(1));
    (per_call(generic), per_call(boxed))
}

/// `future`'s output, from its first poll.
///
/// # Panics
/// If that poll is `Pending`.
fn poll_once<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("poll_once takes futures that are ready at once"),
    }
}
// ANCHOR_END: cost

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_measures_both_ways() {
        // Its figures are for `--measure`, on a quiet machine; here it
        // only has to run to the end.
        let _ = cost_per_call(10);
    }
}
