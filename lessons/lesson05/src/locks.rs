//! Trap 2: a lock held across `.await`.
//!
//! Two mutexes, two jobs:
//! - `std::sync::Mutex` for data locked briefly, never across an `.await`.
//!   It is cheap, and its guard is not `Send`: a task that holds one while
//!   it is suspended cannot move between the threads of a multi-thread
//!   runtime, so `tokio::spawn` refuses it at compile time. On a
//!   current-thread runtime the same mistake compiles, and a second task
//!   that calls `lock()` then blocks the only thread for good: a deadlock.
//! - `tokio::sync::Mutex` when the lock must be held across an `.await`
//!   (say, to write a message in several parts with nothing in between).
//!   Its `lock()` is itself awaited, so waiting for it blocks no thread.
//!
//! The mistake, refused by the compiler, is in `snippets/guard_across_await.rs`:
//! [`GuardAcrossAwait`] makes it a `compile_fail` test that
//! `cargo test -p lesson05-solution` runs, and the book quotes the error.

use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Stands for any slow async operation: a write to disk, a request.
pub async fn save(_snapshot: u64) {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// `compile_fail` doctest: a `std::sync::MutexGuard` held across `.await`
/// in a task given to `tokio::spawn`. It must fail with E0277, "future
/// cannot be sent between threads safely"; the fixed version is
/// [`bump_and_save`], which compiles and runs.
///
/// ```compile_fail,E0277
#[doc = include_str!("../snippets/guard_across_await.rs")]
/// ```
#[derive(Debug)]
pub struct GuardAcrossAwait;

// ANCHOR: guard_dropped
/// The fix: take what you need while the lock is held, and let the guard
/// go (here, at the end of the block) before the `.await`.
pub async fn bump_and_save(counter: Arc<Mutex<u64>>) {
    let snapshot = {
        let mut n = counter.lock().unwrap();
        *n += 1;
        *n
    }; // the guard is dropped here
    save(snapshot).await;
}

/// And now the task is `Send`: it may run on any worker thread.
pub fn start(counter: Arc<Mutex<u64>>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(bump_and_save(counter))
}
// ANCHOR_END: guard_dropped

// ANCHOR: async_mutex
/// A message written in parts, each part an `.await`: the lock must stay
/// held across them, or another writer's parts land in between. That is
/// `tokio::sync::Mutex`'s job.
pub async fn write_message(out: &tokio::sync::Mutex<Vec<String>>, who: &str, parts: u32) {
    let mut out = out.lock().await; // waits without blocking the thread
    for part in 0..parts {
        tokio::task::yield_now().await; // another task may run here...
        out.push(format!("{who}:{part}")); // ...but cannot write in between
    }
}
// ANCHOR_END: async_mutex

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed task spawns on a multi-thread runtime and does its job.
    #[test]
    fn the_fixed_task_runs_on_a_multi_thread_runtime() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .unwrap();
        let counter = Arc::new(Mutex::new(0));
        runtime.block_on(async {
            let tasks: Vec<_> = (0..10).map(|_| start(Arc::clone(&counter))).collect();
            for t in tasks {
                t.await.unwrap();
            }
        });
        assert_eq!(*counter.lock().unwrap(), 10);
    }

    /// Two writers of three parts each: the parts never interleave.
    #[tokio::test(flavor = "current_thread")]
    async fn an_async_mutex_keeps_each_message_whole() {
        let out = tokio::sync::Mutex::new(Vec::new());
        tokio::join!(write_message(&out, "a", 3), write_message(&out, "b", 3));
        let out = out.into_inner();
        let whole = out == ["a:0", "a:1", "a:2", "b:0", "b:1", "b:2"]
            || out == ["b:0", "b:1", "b:2", "a:0", "a:1", "a:2"];
        assert!(whole, "the messages interleaved: {out:?}");
    }
}
