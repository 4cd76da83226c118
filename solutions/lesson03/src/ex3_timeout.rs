//! Exercise 03-3: a timeout with its own error type.
//!
//! `tokio::time::timeout` gives `Result<Result<T, E>, Elapsed>`: two layers,
//! and an `Elapsed` that does not say how long the limit was. A program
//! wants one error type that tells the two failures apart and prints well.
//! Write:
//! - `Display` for `TimeoutError`: exactly `timed out after {:?}` with the
//!   limit (so `timed out after 2s`), or `failed: {}` with the inner error;
//! - `source()`: the inner error for `Failed`, nothing for `TimedOut`, so
//!   that error reporters can walk the chain;
//! - `with_timeout`: run `future` for at most `limit`. On time, its own
//!   result (an `Err` becomes `Failed`); too late, `TimedOut(limit)`, and
//!   the future is dropped, which cancels it where it stood.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex3`.

use std::error::Error;
use std::fmt;
use std::future::Future;
use std::time::Duration;

/// Why `with_timeout` gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeoutError<E> {
    /// The limit passed first; the future was dropped.
    TimedOut(Duration),
    /// The future finished in time, with this error.
    Failed(E),
}

impl<E: fmt::Display> fmt::Display for TimeoutError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // TODO: "timed out after {limit:?}" or "failed: {inner}".
        match self {
            TimeoutError::TimedOut(limit) => write!(f, "timed out after {limit:?}"),
            TimeoutError::Failed(inner) => write!(f, "failed: {inner}"),
        }
    }
}

impl<E: Error + 'static> Error for TimeoutError<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        // TODO: the inner error for Failed, None for TimedOut.
        match self {
            TimeoutError::TimedOut(_) => None,
            TimeoutError::Failed(inner) => Some(inner),
        }
    }
}

/// Runs `future` for at most `limit`.
pub async fn with_timeout<T, E>(
    limit: Duration,
    future: impl Future<Output = Result<T, E>>,
) -> Result<T, TimeoutError<E>> {
    // TODO: tokio::time::timeout, then flatten the two layers into one.
    match tokio::time::timeout(limit, future).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(TimeoutError::Failed(e)),
        Err(_elapsed) => Err(TimeoutError::TimedOut(limit)),
    }
}
