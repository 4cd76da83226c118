//! Exercise 01-4: a task per job instead of a thread per job.
//!
//! `fetch_all_with_threads` below downloads pages the thread-per-job way:
//! every page gets an OS thread, which sits blocked for the whole download.
//! It works, but each thread costs a stack and a trip through the OS
//! scheduler (run `cargo run -p lesson01 -- cost` to see how much).
//!
//! Write `fetch_all`, the same job with one tokio task per page:
//! - start a task for every id with `tokio::spawn(fetch_one(id))` before
//!   waiting for any of them, so all downloads wait at the same time;
//! - then await the `JoinHandle`s in order, so the pages come back in the
//!   order of `ids`.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex4`.

use std::thread;
use std::time::Duration;

/// How long one pretend download takes.
pub const LATENCY: Duration = Duration::from_millis(100);

/// Pretends to download page `id`: waits as a network would, then returns
/// its text. Given; do not change it.
pub async fn fetch_one(id: u32) -> String {
    tokio::time::sleep(LATENCY).await;
    format!("page {id}")
}

/// The thread-per-job version, for comparison. Given; it works.
pub fn fetch_all_with_threads(ids: Vec<u32>) -> Vec<String> {
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| {
            thread::spawn(move || {
                thread::sleep(LATENCY);
                format!("page {id}")
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("fetch thread panicked"))
        .collect()
}

pub async fn fetch_all(ids: Vec<u32>) -> Vec<String> {
    // TODO: spawn a task per id, then await them in order.
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| tokio::spawn(fetch_one(id)))
        .collect();
    let mut pages = Vec::with_capacity(handles.len());
    for handle in handles {
        pages.push(handle.await.expect("fetch task panicked"));
    }
    pages
}
