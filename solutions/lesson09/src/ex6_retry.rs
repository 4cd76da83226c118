//! Exercise 09-6: a retry helper that takes an async closure.
//!
//! `retry(attempts, pause, op)` calls `op` and awaits what it returns, up
//! to `attempts` times (at least once), until one call gives `Ok`; it
//! returns that `Ok`, or the last `Err` once the attempts are used up, and
//! sleeps `pause` between two attempts (not after the last). `op` is an
//! `AsyncFnMut`: an async closure that may change what it captured, such
//! as a counter of its own calls, on every call. A bound written the old
//! way, `F: FnMut() -> Fut`, would refuse such a closure, because each
//! future would borrow the closure that made it.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex6`.
#![forbid(unsafe_code)]

use std::time::Duration;

/// `op`'s first `Ok` within `attempts` calls (at least one), else its last
/// `Err`; `pause` (tokio's clock) between two calls.
pub async fn retry<T, E>(
    attempts: u32,
    pause: Duration,
    mut op: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    // TODO: loop: call `op().await`; return an `Ok` at once, and the `Err`
    // of the last attempt; between attempts, `tokio::time::sleep(pause)`.
    let mut made = 1;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) if made >= attempts => return Err(error),
            Err(_) => {
                made += 1;
                tokio::time::sleep(pause).await;
            }
        }
    }
}
