//! Exercise 10-4: a panic reported, not lost.
//!
//! `run_all(jobs)` runs every job in a task of its own, all at once, and
//! reports how each ended, in the order of `jobs`: `Ok` with the job's
//! number, or `Err` with the text its panic was raised with (use
//! [`crate::panics::panic_text`] on the payload). A job that panics must
//! neither bring down the others nor vanish: `tokio::spawn` catches the
//! panic, and the `JoinHandle` is the one place it comes back, as a
//! `JoinError` whose `into_panic` gives the payload.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex4`.

use std::future::Future;
use std::pin::Pin;

use crate::panics::panic_text;

/// One job: a future that gives a number, or panics.
pub type Job = Pin<Box<dyn Future<Output = u32> + Send + 'static>>;

/// How each job ended, in the order given: its number, or its panic's text.
pub async fn run_all(jobs: Vec<Job>) -> Vec<Result<u32, String>> {
    // TODO: spawn every job first, keeping the handles in order; then await
    // each handle and turn a `JoinError` that `is_panic` into its text.
    let handles: Vec<_> = jobs.into_iter().map(tokio::spawn).collect();
    let mut report = Vec::new();
    for handle in handles {
        report.push(match handle.await {
            Ok(n) => Ok(n),
            Err(e) if e.is_panic() => Err(panic_text(&*e.into_panic())),
            Err(e) => Err(e.to_string()),
        });
    }
    report
}
