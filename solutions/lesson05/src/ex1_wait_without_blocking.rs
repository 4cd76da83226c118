//! Exercise 05-1: waiting without blocking the thread.
//!
//! A task that must wait (between two tries, say) has two ways to do it.
//! `std::thread::sleep` blocks the whole thread: on tokio's current-thread
//! runtime, like asyncio's one event loop, no other task runs until it
//! returns. `tokio::time::sleep(..).await` suspends only this task and
//! lets the thread run the others. (`cargo run -p lesson05 -- block` shows
//! the difference.)
//!
//! Write `wait_until`: call `ready()`; if it says `true`, return
//! `Some(number of calls so far)`. If not, wait `every` without blocking
//! the thread, and try again, calling `ready` at most `max_checks` times in
//! all. If it never said `true`, return `None`, without waiting after the
//! last call. `max_checks` of 0 means: call nothing, return `None`.
//!
//! The tests run a heartbeat task beside yours on tokio's paused clock: if
//! it did not beat between two of your checks, your wait blocked it.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex1`.

use std::time::Duration;

pub async fn wait_until(
    mut ready: impl FnMut() -> bool,
    every: Duration,
    max_checks: u32,
) -> Option<u32> {
    // TODO: call `ready` up to `max_checks` times, waiting `every` between
    // two calls with an `.await`, never with `std::thread::sleep`.
    for check in 1..=max_checks {
        if ready() {
            return Some(check);
        }
        if check < max_checks {
            tokio::time::sleep(every).await;
        }
    }
    None
}
