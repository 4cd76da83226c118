//! Exercise 10-3: a span that follows its future.
//!
//! `lookup(user)` logs `asking`, waits for a (pretend) directory for
//! `user.len()` × 10 ms of tokio's clock, logs `found` and returns the
//! length. Both events must be inside a span named `lookup` with a field
//! `user`, and only that span, even while other lookups run at the same
//! time on the same thread. The first version did this:
//!
//! ```text
//! let span = tracing::info_span!("lookup", user);
//! let _entered = span.enter();
//! tracing::info!("asking");
//! tokio::time::sleep(..).await;
//! tracing::info!("found");
//! ```
//!
//! and two lookups at once logged into each other's spans: the guard keeps
//! the span entered on the thread while the future waits. Make the span
//! follow the future instead: `.instrument(span)` on the work, or
//! `#[tracing::instrument]` on the function.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex3`.

use std::time::Duration;

use tracing::Instrument;

/// `user.len()`, found after `user.len()` × 10 ms, logged in `lookup{user}`.
pub async fn lookup(user: &str) -> usize {
    // TODO: log "asking", sleep, log "found" and return `user.len()`, all
    // of it inside the span `lookup` with the field `user`, entered only
    // while the work runs.
    let span = tracing::info_span!("lookup", user);
    let work = async {
        tracing::info!("asking");
        tokio::time::sleep(Duration::from_millis(10 * user.len() as u64)).await;
        tracing::info!("found");
        user.len()
    };
    work.instrument(span).await
}
