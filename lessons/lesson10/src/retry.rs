//! A retry helper with back-off, the scripted operation its tests call, and
//! tests on tokio's paused clock (chapter 10, "Tests on tokio").
//!
//! The helper takes a [`Flaky`] rather than any closure so that it and its
//! faulty twins (`faulty.rs`) share one signature a test can take.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: flaky
/// A scripted operation for tests: its first `failures` calls fail with
/// [`Refused`], every later one answers 42. It notes when each call came
/// (tokio's clock), so a test can check the waits between calls. Clones
/// share the script and the record.
#[derive(Debug, Clone)]
pub struct Flaky {
    failures: usize,
    calls: Arc<Mutex<Vec<Instant>>>,
}

/// What a failed call of [`Flaky`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

impl Flaky {
    /// An operation whose first `failures` calls fail.
    pub fn failing(failures: usize) -> Flaky {
        Flaky {
            failures,
            calls: Arc::default(),
        }
    }

    /// An operation that never answers.
    pub fn always_failing() -> Flaky {
        Flaky::failing(usize::MAX)
    }

    /// One call, which takes no time: `Err(Refused)` while the script says
    /// fail, `Ok(42)` after.
    pub async fn call(&self) -> Result<u32, Refused> {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        calls.push(Instant::now());
        if calls.len() <= self.failures {
            Err(Refused)
        } else {
            Ok(42)
        }
    }

    /// How many calls came so far.
    pub fn count(&self) -> usize {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// The waits between one call and the next, in order: one fewer than
    /// the calls.
    pub fn gaps(&self) -> Vec<Duration> {
        let calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        calls.windows(2).map(|w| w[1] - w[0]).collect()
    }
}
// ANCHOR_END: flaky

/// How many calls [`retry`] makes at most.
pub const ATTEMPTS: usize = 4;

/// How long [`retry`] waits after the first failure; each later wait is
/// twice the one before (100, 200, 400 ms).
pub const FIRST_WAIT: Duration = Duration::from_millis(100);

/// What [`retry`] returns when every attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GaveUp {
    /// How many calls were made.
    pub attempts: usize,
}

// ANCHOR: retry
/// Calls `op` until it answers, at most [`ATTEMPTS`] times, waiting
/// [`FIRST_WAIT`] after the first failure and twice as long after each
/// later one. Errors: [`GaveUp`] once the last attempt has failed.
pub async fn retry(op: Flaky) -> Result<u32, GaveUp> {
    let mut wait = FIRST_WAIT;
    for attempt in 1..=ATTEMPTS {
        match op.call().await {
            Ok(answer) => return Ok(answer),
            Err(Refused) if attempt < ATTEMPTS => {
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            Err(Refused) => {}
        }
    }
    Err(GaveUp { attempts: ATTEMPTS })
}
// ANCHOR_END: retry

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    // ANCHOR: paused_test
    /// Three failures cost 100 + 200 + 400 ms of tokio's clock and no real
    /// time: the clock is paused, and it jumps to the next timer whenever
    /// every task is waiting.
    #[tokio::test(start_paused = true)]
    async fn three_failures_wait_seven_hundred_ms() {
        let op = Flaky::failing(3);
        let start = Instant::now();
        let got = timeout(Duration::from_secs(5), retry(op.clone())).await;
        assert_eq!(got, Ok(Ok(42)), "the fourth call answers");
        assert_eq!(start.elapsed(), Duration::from_millis(700));
        assert_eq!(op.gaps(), [100, 200, 400].map(Duration::from_millis));
    }
    // ANCHOR_END: paused_test

    // ANCHOR: advance
    /// `time::advance` moves the paused clock by hand, so a test can look
    /// at the helper between two of its calls.
    #[tokio::test(start_paused = true)]
    async fn the_clock_moved_by_hand() {
        let op = Flaky::always_failing();
        let task = tokio::spawn(retry(op.clone()));
        tokio::task::yield_now().await; // the first call, then a 100 ms sleep
        assert_eq!(op.count(), 1);
        tokio::time::advance(Duration::from_millis(99)).await;
        assert_eq!(op.count(), 1, "not yet: 1 ms of the first wait is left");
        tokio::time::advance(Duration::from_millis(1)).await;
        tokio::task::yield_now().await;
        assert_eq!(op.count(), 2, "the second call, right on 100 ms");
        let got = timeout(Duration::from_secs(5), task).await;
        assert_eq!(
            got.ok().and_then(Result::ok),
            Some(Err(GaveUp { attempts: 4 }))
        );
    }
    // ANCHOR_END: advance

    // ANCHOR: multi_thread
    /// On a multi-thread runtime the clock cannot be paused
    /// (`start_paused` needs the current-thread flavor), so a timed test
    /// there waits for real: this one takes 100 ms of real time. (It
    /// checks only that no less passed: a sleep never ends early.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_two_threads_time_is_real() {
        let op = Flaky::failing(1);
        let start = std::time::Instant::now();
        let got = timeout(Duration::from_secs(5), retry(op)).await;
        assert_eq!(got, Ok(Ok(42)));
        assert!(start.elapsed() >= FIRST_WAIT);
    }
    // ANCHOR_END: multi_thread
}
