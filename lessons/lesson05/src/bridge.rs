//! Trap 5: calling async code from sync code, and back.
//!
//! Sync code calls async code by blocking on it: `Runtime::block_on`, or
//! `Handle::block_on` with a handle to a runtime that is already running.
//! Both block the calling thread until the future is done, so neither may
//! run on a thread that is driving async tasks: tokio refuses with a panic,
//! "Cannot start a runtime from within a runtime" ([`NESTED_PANIC`]), rather
//! than let the thread deadlock. Async code calls blocking sync code through
//! `tokio::task::spawn_blocking`, on a thread kept for that; and there, and
//! only there, that sync code may call back into async code with
//! `Handle::block_on`. (asyncio has the same rule; `python/traps.py` shows
//! its "asyncio.run() cannot be called from a running event loop".)
//!
//! The pieces exercise 05-5 puts together: [`PriceClient`], an async
//! service; [`legacy_total`], a sync library that wants a sync callback.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tokio::runtime::Handle;
use tokio::sync::{mpsc, oneshot};

// ANCHOR: nested_panic
/// tokio 1.54's panic message, word for word, for `block_on` called on a
/// thread that is running async tasks (tokio's `runtime/context/runtime.rs`).
pub const NESTED_PANIC: &str = "Cannot start a runtime from within a runtime. This happens \
    because a function (like `block_on`) attempted to block the current thread while the \
    thread is being used to drive asynchronous tasks. If you are in an async function, use \
    `.await` on the future instead of blocking on it.";
// ANCHOR_END: nested_panic

// ANCHOR: nested
/// Blocks on a future from inside a task, which panics; returns the panic's
/// message.
pub fn nested_block_on() -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("could not start a tokio runtime");
    let caught = catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(async {
            // Wrong: this thread is driving the runtime, and would have to
            // stop doing so to wait here.
            Handle::current().block_on(async { 6 * 7 })
        })
    }));
    match caught {
        Ok(_) => "no panic".to_string(),
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default(),
    }
}
// ANCHOR_END: nested

/// A request to the price service: an item, and where to send its price.
type Request = (u32, oneshot::Sender<u64>);

// ANCHOR: service
/// A client of an async price service (think of a database connection):
/// cheap to clone, and every question is an `.await`.
#[derive(Debug, Clone)]
pub struct PriceClient {
    requests: mpsc::Sender<Request>,
}

impl PriceClient {
    /// Starts the service as a task on the current runtime.
    pub fn spawn() -> PriceClient {
        let (requests, mut incoming) = mpsc::channel::<Request>(16);
        tokio::spawn(async move {
            while let Some((item, reply)) = incoming.recv().await {
                let _ = reply.send(price_of(item));
            }
        });
        PriceClient { requests }
    }

    /// Asks the service for an item's price.
    pub async fn price(&self, item: u32) -> u64 {
        let (reply, answer) = oneshot::channel();
        self.requests
            .send((item, reply))
            .await
            .expect("the price service stopped");
        answer.await.expect("the price service dropped a question")
    }
}

/// What the service answers: the item's number times ten, plus one.
pub fn price_of(item: u32) -> u64 {
    u64::from(item) * 10 + 1
}
// ANCHOR_END: service

// ANCHOR: legacy
/// A sync library function you cannot change: it totals a basket, asking
/// `price_of` for each item's price, and gives every third item free.
pub fn legacy_total(items: &[u32], price_of: &mut dyn FnMut(u32) -> u64) -> u64 {
    items
        .iter()
        .enumerate()
        .map(|(i, &item)| if i % 3 == 2 { 0 } else { price_of(item) })
        .sum()
}
// ANCHOR_END: legacy

// ANCHOR: sync_main
/// From plain sync code (no runtime running on this thread), async code is
/// one `block_on` away.
pub fn sync_caller(items: &[u32]) -> u64 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("could not start a tokio runtime");
    runtime.block_on(async {
        let prices = PriceClient::spawn();
        let mut total = 0;
        for &item in items {
            total += prices.price(item).await;
        }
        total
    })
}
// ANCHOR_END: sync_main

/// Prints the nested-runtime panic and a sync caller's answer.
pub fn show() {
    println!("Blocking on a future from inside a task panics (tokio's own message):");
    // The default panic hook would print the panic a second time.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let message = nested_block_on();
    std::panic::set_hook(hook);
    println!("  {message}");
    println!(
        "From sync code with no runtime running, block_on is fine: total of items 1, 2, 3 = {}",
        sync_caller(&[1, 2, 3])
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The panic is tokio's, word for word as the book quotes it.
    #[test]
    fn blocking_inside_a_task_panics_with_tokios_message() {
        assert_eq!(nested_block_on(), NESTED_PANIC);
    }

    /// Sync code reaches the async service with `block_on`.
    #[test]
    fn sync_code_can_block_on_async_code() {
        assert_eq!(sync_caller(&[1, 2, 3]), 11 + 21 + 31);
    }

    /// Every third item is free.
    #[test]
    fn legacy_total_gives_every_third_item_free() {
        let total = legacy_total(&[1, 2, 3, 4], &mut |item| u64::from(item));
        assert_eq!(total, 1 + 2 + 4);
    }
}
