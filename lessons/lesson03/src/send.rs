//! Why a future that `tokio::spawn` takes must be `Send`.
//!
//! A multi-thread runtime may poll a task on one worker thread, see it stop
//! at an `.await`, and resume it later on another. So everything the task
//! keeps across an `.await` must be allowed to move between threads. A
//! `std::sync::MutexGuard` is not: the lock must be released by the thread
//! that took it. Hold one across an `.await` inside `tokio::spawn` and the
//! program does not compile:
//!
//! ```compile_fail,E0277
//! use std::sync::{Arc, Mutex};
//!
//! async fn count_slowly(counter: Arc<Mutex<u64>>) {
//!     let mut guard = counter.lock().unwrap();
//!     tokio::task::yield_now().await; // the guard is still held here
//!     *guard += 1;
//! }
//!
//! fn start(counter: Arc<Mutex<u64>>) {
//!     tokio::spawn(count_slowly(counter)); // error: the future is not `Send`
//! }
//! ```
//!
//! The fix is to let go of the guard before the `.await`, as
//! [`count_then_wait`] does, or to use an async-aware lock
//! (`tokio::sync::Mutex`) whose guard may be held across `.await`.

// ANCHOR: fixed
use std::sync::{Arc, Mutex};

/// Counts, then waits: the guard lives in a block that ends before the
/// `.await`, so the future holds no guard while it is stopped and is `Send`.
pub async fn count_then_wait(counter: Arc<Mutex<u64>>) {
    {
        let mut guard = counter.lock().expect("counter poisoned");
        *guard += 1;
    } // guard dropped here
    tokio::task::yield_now().await;
}

/// Spawns `n` of them on whatever runtime is current, possibly on several
/// threads, and waits for all.
pub async fn count_on_tasks(n: u64) -> u64 {
    let counter = Arc::new(Mutex::new(0));
    let tasks: Vec<_> = (0..n)
        .map(|_| tokio::spawn(count_then_wait(counter.clone())))
        .collect();
    for task in tasks {
        task.await.expect("a counting task panicked");
    }
    let total = *counter.lock().expect("counter poisoned");
    total
}
// ANCHOR_END: fixed

#[cfg(test)]
mod tests {
    /// The fixed version runs on four worker threads and counts every task.
    #[test]
    fn the_fixed_version_runs_on_a_multi_thread_runtime() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_time()
            .build()
            .unwrap();
        let total = rt.block_on(async {
            tokio::time::timeout(
                std::time::Duration::from_secs(5),
                super::count_on_tasks(100),
            )
            .await
            .expect("counting took more than 5 s")
        });
        assert_eq!(total, 100);
    }
}
