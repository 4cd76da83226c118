//! Exercise 03-4: bounded concurrency.
//!
//! Starting every download at once is fine for three URLs and rude for ten
//! thousand: the server, the network and your file descriptors all have
//! limits. Write `fetch_bounded`, which keeps at most `limit` fetches
//! running at any moment, starts the next as soon as one finishes, and
//! gives back `(index in urls, output)` pairs in the order the fetches
//! *finish*, so a caller can show each result as soon as it exists.
//!
//! `futures::stream::iter` turns the list into a stream, `.map` turns each
//! URL into a future (not yet running), and `.buffer_unordered(n)` runs up
//! to `n` of them at once, yielding outputs as they finish. A `limit` of 0
//! means 1: `buffer_unordered(0)` would never start anything.
//!
//! Python does this with an `asyncio.Semaphore` around each fetch.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex4`.

use std::future::Future;

use futures::stream::{self, StreamExt};

/// Fetches every URL, at most `limit` at a time; `(index, output)` pairs in
/// finishing order.
pub async fn fetch_bounded<F, Fut, T>(urls: Vec<String>, limit: usize, fetch: F) -> Vec<(usize, T)>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = T>,
{
    // TODO: a stream of (index, future) pairs, through buffer_unordered(limit).
    stream::iter(urls.into_iter().enumerate())
        .map(|(i, url)| {
            let fetching = fetch(url);
            async move { (i, fetching.await) }
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await
}
