//! Exercise 07-4: a per-client rate limit, as a token bucket.
//!
//! The bucket holds up to `burst` tokens and starts full. Every `refill`
//! of time adds one token (fractions count: half a `refill` is half a
//! token), but never beyond `burst`. A message takes one whole token; with
//! less than one, the message is refused, and a refusal takes nothing. So
//! a client can send `burst` messages at once after a pause, then one per
//! `refill`, and no pause, however long, saves up more than `burst`.
//!
//! Write `allow`: whether a message at `now` may go, updating the bucket.
//! The times are tokio's (`tokio::time::Instant`), so the tests run it on
//! the paused clock.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex4`.

use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct RateLimit {
    pub burst: u32,
    pub refill: Duration,
    /// Tokens in the bucket as of `last`.
    pub tokens: f64,
    pub last: Instant,
}

impl RateLimit {
    /// A full bucket at `now`.
    pub fn new(burst: u32, refill: Duration, now: Instant) -> Self {
        RateLimit {
            burst,
            refill,
            tokens: f64::from(burst),
            last: now,
        }
    }

    pub fn allow(&mut self, now: Instant) -> bool {
        // TODO: add the tokens earned since `last` (at most up to `burst`),
        // move `last` to `now`, then spend one token if there is one.
        let earned = now.duration_since(self.last).as_secs_f64() / self.refill.as_secs_f64();
        self.tokens = (self.tokens + earned).min(f64::from(self.burst));
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
