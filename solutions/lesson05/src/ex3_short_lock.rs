//! Exercise 05-3: a `std::sync::Mutex` not held across `.await`.
//!
//! A page counter shared by many tasks sits in a `std::sync::Mutex`, which
//! is right for data locked briefly. Each hit adds one to the page's count
//! and then reports the new count on a channel. Sending may have to wait
//! (the channel is bounded), so it is an `.await`, and the guard must be
//! gone by then: a task suspended while holding a `std::sync::MutexGuard`
//! keeps every other task from the counter, and on a current-thread runtime
//! the next `lock()` blocks the only thread for good. (Given to
//! `tokio::spawn`, on any runtime, the compiler refuses it outright, since
//! a spawned task must be `Send`; it compiles where nothing spawns the
//! future, as in the tests here, or under `spawn_local`: see `locks.rs`.)
//!
//! Write `hit`: add one to `counts[page]` (a missing page counts from 0),
//! then send `(page, new count)` on `reports`. If the receiver is gone,
//! drop the report quietly.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex3`.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::mpsc;

pub async fn hit(
    counts: &Mutex<HashMap<String, u64>>,
    page: &str,
    reports: &mpsc::Sender<(String, u64)>,
) {
    // TODO: update the count while the lock is held, let the guard go,
    // then send the report.
    let count = {
        let mut counts = counts.lock().expect("the counter's lock is poisoned");
        let count = counts.entry(page.to_string()).or_insert(0);
        *count += 1;
        *count
    }; // the guard is dropped here, before the `.await`
    let _ = reports.send((page.to_string(), count)).await;
}
