//! Exercise 10-6: a client that a partition cannot hang.
//!
//! [`crate::sim::ask_once`] waits for the server's answer with no limit,
//! and the simulated network of `sim.rs` shows what that costs: when the
//! link fails between the question and the answer, the answer is dropped,
//! and the client waits for ever, even after the link is repaired. Write
//! `ask_patiently(server)`: up to [`ATTEMPTS`] attempts, each a call of
//! `ask_once` given at most [`ATTEMPT_LIMIT`], with [`PAUSE`] between two
//! attempts (a refused connection fails at once, so attempts with no pause
//! would all be spent before the link comes back). It returns the first
//! answer, or the last attempt's error (`TimedOut` for an attempt that ran
//! out of time). The grader runs it on turmoil's network, with the link cut
//! while the first answer is on its way, on a fixed seed, so every run is
//! the same run.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex6`.

use std::io;
use std::time::Duration;

use crate::sim::ask_once;

/// How many times [`ask_patiently`] asks at most.
pub const ATTEMPTS: u32 = 5;

/// How long one attempt may take.
pub const ATTEMPT_LIMIT: Duration = Duration::from_secs(1);

/// How long [`ask_patiently`] waits after a failed attempt.
pub const PAUSE: Duration = Duration::from_millis(200);

/// The server's answer, within [`ATTEMPTS`] attempts of [`ATTEMPT_LIMIT`]
/// each, [`PAUSE`] apart; else the last attempt's error.
pub async fn ask_patiently(server: &str) -> io::Result<String> {
    // TODO: loop over the attempts: `tokio::time::timeout(ATTEMPT_LIMIT,
    // ask_once(server))`; return an answer at once, keep the error (an
    // `io::ErrorKind::TimedOut` one when time ran out), and sleep `PAUSE`
    // before the next attempt.
    let mut last = io::Error::new(io::ErrorKind::TimedOut, "no attempt made");
    for attempt in 1..=ATTEMPTS {
        match tokio::time::timeout(ATTEMPT_LIMIT, ask_once(server)).await {
            Ok(Ok(answer)) => return Ok(answer),
            Ok(Err(e)) => last = e,
            Err(_) => last = io::Error::new(io::ErrorKind::TimedOut, "no answer in time"),
        }
        if attempt < ATTEMPTS {
            tokio::time::sleep(PAUSE).await;
        }
    }
    Err(last)
}
