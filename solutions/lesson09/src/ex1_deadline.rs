//! Exercise 09-1: one deadline kept across a `select!` loop.
//!
//! `collect_until(rx, limit)` gathers the numbers that arrive on `rx` until
//! `limit` has passed since the call, and returns them in the order they
//! came; it returns sooner if the channel closes (every sender gone). The
//! loop waits on two things at once with `tokio::select!`: the next
//! message and the deadline. The deadline must be one future, made once
//! before the loop, pinned, and polled through `&mut` on every turn. A
//! `sleep(limit)` written inside the `select!` is a new future on each
//! turn, so its deadline starts over at every message and never comes
//! while messages arrive faster than `limit`.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex1`.
#![forbid(unsafe_code)]

use std::pin::pin;
use std::time::Duration;

use tokio::sync::mpsc;

/// The numbers received on `rx` within `limit` of the call (in the order
/// received), or until the channel closed if that came first.
pub async fn collect_until(mut rx: mpsc::Receiver<u32>, limit: Duration) -> Vec<u32> {
    // TODO: make one `tokio::time::sleep(limit)` before the loop and pin it
    // with `pin!`; then loop on `tokio::select!` over `&mut` that sleep and
    // `rx.recv()`, pushing each number into a `Vec`.
    let mut got = Vec::new();
    let mut deadline = pin!(tokio::time::sleep(limit));
    loop {
        tokio::select! {
            () = &mut deadline => return got,
            message = rx.recv() => match message {
                Some(n) => got.push(n),
                None => return got,
            },
        }
    }
}
