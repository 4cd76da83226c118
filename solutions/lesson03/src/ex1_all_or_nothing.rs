//! Exercise 03-1: all or nothing, in input order.
//!
//! A page needs every one of its parts (HTML, stylesheet, script...): if any
//! part fails, the page fails, and there is no point waiting for the rest.
//! Write `fetch_all`:
//! - start every fetch at once, so the whole takes as long as the slowest
//!   part, not the sum of them;
//! - give back the bodies in the order of `urls`, whatever order they
//!   finish in;
//! - at the first error, return it at once. The fetches still running are
//!   dropped, which cancels them: nobody waits for them.
//!
//! This is `tokio::try_join!` for a list whose length is known only at run
//! time; asyncio's nearest is `gather()`, which by default leaves the other
//! tasks running after the first error.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex1`.

use std::future::Future;

/// Fetches every URL with `fetch`, all at once; every body in `urls`'
/// order, or the first error.
pub async fn fetch_all<F, Fut, T, E>(urls: Vec<String>, fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // TODO: build one future per URL, then await them together, failing fast.

    // `try_join_all` polls every future in this task, keeps their outputs
    // in input order, and returns at the first `Err`, dropping the rest.
    futures::future::try_join_all(urls.into_iter().map(fetch)).await
}
