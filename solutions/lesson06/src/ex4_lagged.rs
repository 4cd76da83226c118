//! Exercise 06-4: a subscriber that falls behind.
//!
//! A `broadcast` channel keeps its last `capacity` messages for its
//! subscribers; a sender never waits for a slow one. A subscriber that
//! falls further behind than that has lost messages, and its next `recv`
//! says so, once: `Err(RecvError::Lagged(n))`, `n` messages missed. The
//! next `recv` goes on from the oldest message still kept. Only
//! `Err(RecvError::Closed)` means the end: every sender has gone and
//! nothing is left to read. The trap is `while let Ok(m) = rx.recv().await`,
//! which takes the first `Lagged` for the end and quietly stops listening.
//!
//! Write `follow`: read every message until the channel is closed, keeping
//! the messages in order and counting how many were missed in all.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex4`.

use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

/// What a subscriber saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Followed {
    /// The messages received, in order.
    pub seen: Vec<u32>,
    /// How many messages it missed by lagging, in all.
    pub missed: u64,
}

/// Reads `rx` to its end (every sender gone); what it saw and missed.
pub async fn follow(mut rx: broadcast::Receiver<u32>) -> Followed {
    // TODO: loop over rx.recv(): keep each message, add up what each
    // Lagged(n) says was missed and go on, and stop only at Closed.
    let mut followed = Followed::default();
    loop {
        match rx.recv().await {
            Ok(message) => followed.seen.push(message),
            Err(RecvError::Lagged(missed)) => followed.missed += missed,
            Err(RecvError::Closed) => return followed,
        }
    }
}
