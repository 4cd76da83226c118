//! Why a future that `tokio::spawn` takes must be `Send`.
//!
//! A multi-thread runtime may poll a task on one worker thread, see it stop
//! at an `.await`, and resume it later on another. So everything the task
//! keeps across an `.await` must be allowed to move between threads. A
//! `std::sync::MutexGuard` is not: the lock must be released by the thread
//! that took it. Hold one across an `.await` inside `tokio::spawn` and the
//! program does not compile.
//!
//! [`count_slowly`] does exactly that. It compiles: a future that is not
//! `Send` is fine on one thread (a current-thread runtime, or a
//! `LocalSet`). What fails is handing it to `tokio::spawn`, which may move
//! it between threads. This example is checked to fail to compile (its
//! text is `snippets/spawn_not_send.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/spawn_not_send.rs"), "```")]
//!
//! and the same lines with [`count_then_wait`], which lets go of the guard
//! before its `.await`, are checked to compile (`snippets/spawn_send.rs`):
//!
#![doc = concat!("```no_run\n", include_str!("../snippets/spawn_send.rs"), "```")]
//!
//! The test below checks the reason itself: the future of `count_slowly` is
//! not `Send`, and that of `count_then_wait` is. Another fix is an
//! async-aware lock (`tokio::sync::Mutex`), whose guard may be held across
//! `.await`.

// ANCHOR: two_versions
use std::sync::{Arc, Mutex};

/// Holds a `std::sync::MutexGuard` across an `.await`. This compiles, but
/// the future it returns is not `Send`, so `tokio::spawn` refuses it.
/// Clippy sees the mistake even where the compiler does not.
#[expect(
    clippy::await_holding_lock,
    reason = "the mistake this module exists to show"
)]
pub async fn count_slowly(counter: Arc<Mutex<u64>>) {
    let mut guard = counter.lock().expect("counter poisoned");
    tokio::task::yield_now().await; // the guard is still held here
    *guard += 1;
}

/// Counts, then waits: the guard lives in a block that ends before the
/// `.await`, so the future holds no guard while it is stopped and is `Send`.
pub async fn count_then_wait(counter: Arc<Mutex<u64>>) {
    {
        let mut guard = counter.lock().expect("counter poisoned");
        *guard += 1;
    } // guard dropped here
    tokio::task::yield_now().await;
}
// ANCHOR_END: two_versions

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
    *counter.lock().expect("counter poisoned")
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;
    use std::sync::{Arc, Mutex};

    /// Tells at run time whether a value's type is `Send`, by method
    /// resolution: `IsSend` applies only to `Send` types; for any other,
    /// the lookup falls through to `NotSend` one auto-reference later.
    struct Probe<T>(PhantomData<T>);
    trait IsSend {
        fn is_send(&self) -> bool {
            true
        }
    }
    impl<T: Send> IsSend for Probe<T> {}
    trait NotSend {
        fn is_send(&self) -> bool {
            false
        }
    }
    impl<T> NotSend for &Probe<T> {}
    fn probe<T>(_: &T) -> Probe<T> {
        Probe(PhantomData)
    }

    /// The reason the `compile_fail` example fails, checked: the future of
    /// `count_slowly` is not `Send`, and that of `count_then_wait` is.
    #[test]
    #[allow(
        clippy::needless_borrow,
        reason = "the extra `&` is what lets a non-Send type fall through to NotSend"
    )]
    fn only_the_guard_held_across_await_makes_a_future_not_send() {
        let counter = Arc::new(Mutex::new(0));
        let slowly = super::count_slowly(counter.clone());
        let then_wait = super::count_then_wait(counter.clone());
        assert!(!(&probe(&slowly)).is_send());
        assert!((&probe(&then_wait)).is_send());
        // The probe itself: a MutexGuard is not Send, a u64 is.
        let guard = counter.lock().unwrap();
        assert!(!(&probe(&guard)).is_send());
        assert!((&probe(&0u64)).is_send());
    }

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
