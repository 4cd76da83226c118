//! Async closures: `async || {}` and the `AsyncFn` traits.
//!
//! Before Rust 1.85 an "async closure" was a closure that returned an
//! `async` block, and a function taking one had to say
//! `F: FnMut() -> Fut, Fut: Future`. That bound names one type `Fut` for
//! every call's future, with no way to let it borrow from the closure, so
//! a future cannot use what the closure captured by `&mut`: rustc refuses
//! (`snippets/fn_returning_future.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/fn_returning_future.rs"), "```")]
//!
//! `AsyncFnMut() -> T` says what was meant: calling it gives a future that
//! may borrow the closure until it finishes.

use std::future::Future;
use std::time::Duration;

// ANCHOR: async_closure
/// Calls `op` three times and adds up the results. `AsyncFn`: `op` may
/// read what it captured; each call's future may borrow it.
pub async fn sum_of_three(op: impl AsyncFn(u32) -> u32) -> u32 {
    op(1).await + op(2).await + op(3).await
}

/// Calls `op` `times` times. `AsyncFnMut`: each call may change what `op`
/// captured, so the calls come one after another, never at once.
pub async fn repeat(times: u32, mut op: impl AsyncFnMut()) {
    for _ in 0..times {
        op().await;
    }
}

/// An async closure that borrows a local, and one that changes one.
/// Returns `(sum, log)`: 2 + 4 + 6 with `factor` 2, and three entries.
pub async fn closures_at_work(factor: u32) -> (u32, Vec<String>) {
    let scale = async |n: u32| {
        tokio::task::yield_now().await;
        n * factor // `factor` is borrowed, not copied into each future
    };
    let sum = sum_of_three(scale).await;
    let mut log = Vec::new();
    repeat(3, async || {
        tokio::time::sleep(Duration::from_millis(10)).await;
        log.push(format!("entry {}", log.len() + 1)); // `log` borrowed mutably
    })
    .await;
    (sum, log)
}
// ANCHOR_END: async_closure

// ANCHOR: old_bound
/// The bound written the old way: fine for a closure whose futures own
/// what they use (`move` into the `async` block), as library functions
/// such as `futures::stream::unfold` still take.
pub async fn repeat_owned<F, Fut>(times: u32, mut op: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    for _ in 0..times {
        op().await;
    }
}
// ANCHOR_END: old_bound

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn closures_borrow_what_they_capture() {
        let wait = Duration::from_secs(5);
        let (sum, log) = tokio::time::timeout(wait, closures_at_work(2))
            .await
            .unwrap();
        assert_eq!(sum, 12);
        assert_eq!(log, ["entry 1", "entry 2", "entry 3"]);
        let count = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let run = repeat_owned(2, || {
            let count = count.clone();
            async move {
                count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        });
        tokio::time::timeout(wait, run).await.unwrap();
        assert_eq!(count.load(std::sync::atomic::Ordering::Relaxed), 2);
    }
}
