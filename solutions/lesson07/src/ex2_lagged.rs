//! Exercise 07-2: a reader that fell behind, handled on purpose.
//!
//! A `broadcast` channel keeps a fixed number of messages. A receiver that
//! falls further behind than that loses the oldest, and its next `recv`
//! says so once: `Err(RecvError::Lagged(n))`, `n` messages gone. This
//! server's policy is to skip them and tell the client, because in a chat
//! a gap is better than a disconnection, and the bound keeps one slow
//! reader from making the room hold more and more for it.
//!
//! Write `next_line`: the next line for this client from `heard`:
//! - a message: `Some(its text)`;
//! - `Lagged(n)`: `Some("* you missed N messages")` (N the number), after
//!   which the following calls go on with the oldest message still kept;
//! - `Closed` (the room is gone): `None`.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex2`.

use tokio::sync::broadcast::{self, error::RecvError};

pub async fn next_line(heard: &mut broadcast::Receiver<String>) -> Option<String> {
    // TODO: match on `heard.recv().await`, one arm per case above.
    match heard.recv().await {
        Ok(line) => Some(line),
        Err(RecvError::Lagged(missed)) => Some(format!("* you missed {missed} messages")),
        Err(RecvError::Closed) => None,
    }
}
