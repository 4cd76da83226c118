//! Exercise 10-1: a test of a retry helper, on the paused clock.
//!
//! This time you write the test. `retry_is_tested(retry)` gets a retry
//! helper with the signature of [`crate::retry::retry`] and must panic (an
//! `assert!` that fails) unless the helper does what `retry`'s documentation
//! promises: at most `ATTEMPTS` calls, waits of 100, 200 and 400 ms between
//! them, `GaveUp` at the end. The grader runs your test against the right
//! helper, where it must pass, and against three faulty ones shipped in
//! `faulty.rs`, where it must fail: one that never retries, one that
//! retries without waiting, and one that never gives up. Use
//! [`crate::retry::Flaky`] as the operation; the clock is paused, so the
//! waits cost no real time, and a `tokio::time::timeout` around each call
//! turns a helper that never returns into a failure instead of a hang.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex1`.

use std::time::Duration;

use crate::retry::{Flaky, GaveUp};

/// Panics unless `retry` answers through failures, backs off, and gives up.
pub async fn retry_is_tested(retry: impl AsyncFn(Flaky) -> Result<u32, GaveUp>) {
    // TODO: call `retry` with `Flaky` operations that fail a few times and
    // always, each call inside `tokio::time::timeout`, and assert on what
    // comes back and on the waits `Flaky::gaps` saw.
    use tokio::time::timeout;
    let limit = Duration::from_secs(60);

    let op = Flaky::failing(3);
    let got = timeout(limit, retry(op.clone())).await;
    assert_eq!(got, Ok(Ok(42)), "three failures, then the answer");
    let waits = [100, 200, 400].map(Duration::from_millis);
    assert_eq!(op.gaps(), waits, "waits of 100, 200 and 400 ms");

    let op = Flaky::always_failing();
    let got = timeout(limit, retry(op.clone())).await;
    assert_eq!(
        got,
        Ok(Err(GaveUp { attempts: 4 })),
        "gives up after four calls"
    );
    assert_eq!(op.count(), 4, "four calls, no more");
}
