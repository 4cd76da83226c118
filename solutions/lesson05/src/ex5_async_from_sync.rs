//! Exercise 05-5: async code called back from a sync library.
//!
//! `legacy` is a sync function you cannot change (like
//! `bridge::legacy_total`): it totals a basket, calling a plain `FnMut`
//! callback for each price. The prices come from an async service,
//! `PriceClient::price`, which must be awaited. Two tempting answers fail:
//! - calling `legacy` right here, with a callback that blocks on
//!   `prices.price(item)` through `Handle::block_on`: this thread drives the
//!   runtime, so tokio panics with "Cannot start a runtime from within a
//!   runtime";
//! - any other way of blocking this thread until the price comes: on a
//!   current-thread runtime (as in the tests and the lesson's program) the
//!   service is a task on this very thread, so it never gets to answer.
//!
//! Write `total_price`: run `legacy` on a thread for blocking work
//! (`tokio::task::spawn_blocking`), and let its callback block on the async
//! service there, with a `Handle` to this runtime (`Handle::current()`,
//! taken before you leave it). Return `legacy`'s total.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex5`.

use tokio::runtime::Handle;

use crate::bridge::PriceClient;

pub async fn total_price<L>(prices: PriceClient, items: Vec<u32>, legacy: L) -> u64
where
    L: FnOnce(&[u32], &mut dyn FnMut(u32) -> u64) -> u64 + Send + 'static,
{
    // TODO: spawn_blocking a closure that calls `legacy(&items, ...)` with
    // a callback that does `handle.block_on(prices.price(item))`.
    let handle = Handle::current();
    tokio::task::spawn_blocking(move || {
        // No runtime is driven on this thread, so blocking here is allowed.
        legacy(&items, &mut |item| handle.block_on(prices.price(item)))
    })
    .await
    .expect("the legacy code panicked")
}
