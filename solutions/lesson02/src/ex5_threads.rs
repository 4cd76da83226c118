//! Exercise 02-5: which threads ran the tasks.
//!
//! `hello.py` prints `threading.currentThread()` in every coroutine, and
//! every line names the same thread: asyncio's loop is one thread. A Rust
//! runtime may be one thread (tokio's current-thread runtime) or several
//! (the multi-thread runtime's workers). Find out which, from the inside.
//!
//! Write `threads_used(n)`: spawn `n` tokio tasks, all of them before you
//! await any (so that they run at once, as `hello`'s do); each task looks
//! up the thread it is running on (`std::thread::current().id()`) and
//! returns it. Then await them all and count how many tasks each thread
//! ran.
//!
//! The lookup must happen inside each task: the code that spawns them runs
//! on the thread that called `block_on`, which on the multi-thread runtime
//! is not a worker and never runs a spawned task.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex5`.

use std::collections::HashMap;
use std::thread::ThreadId;

/// How many of `n` spawned tasks ran on each thread.
pub async fn threads_used(n: usize) -> HashMap<ThreadId, usize> {
    // TODO: spawn n tasks that each return the id of the thread they run
    // on; await them all and count the tasks per thread.
    let handles: Vec<_> = (0..n)
        .map(|_| tokio::spawn(async { std::thread::current().id() }))
        .collect();
    let mut counts = HashMap::new();
    for handle in handles {
        let thread = handle.await.expect("a task panicked");
        *counts.entry(thread).or_insert(0) += 1;
    }
    counts
}
