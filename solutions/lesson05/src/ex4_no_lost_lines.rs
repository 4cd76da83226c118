//! Exercise 05-4: a `select!` loop that loses no line.
//!
//! `cancel.rs` has a loop that reads lines and counts heartbeats in one
//! `tokio::select!`: `receive_lossy`. When the heartbeat wins while a line
//! is half read, `select!` drops the `read_line` future, and the half line
//! it held is lost. tokio's documentation says for each method whether it
//! is "cancel safe": whether dropping it half-way can lose anything.
//!
//! Write `receive`: the same job, losing nothing. Read lines (ending in
//! `\n`) until the end of the stream, and put each one, without its `\n`,
//! in `messages`; meanwhile, count a heartbeat each time an `every` interval
//! ticks (not counting the interval's first tick, which is immediate).
//! Keep the `select!`: either make what it cancels cancel safe (tokio's
//! `lines()` gives a `next_line` that is, and so is `read_until` into a
//! buffer that outlives the loop), or keep one read future alive across
//! the turns of the loop instead of making a new one each turn.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex4`.

use std::time::Duration;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::cancel::Received;

pub async fn receive<R: AsyncBufRead + Unpin>(reader: R, every: Duration) -> Received {
    // TODO: a loop around `tokio::select!` between reading the next line
    // and the heartbeat's next tick, where a tick never costs a line.

    // `Lines` keeps a half-read line in itself, not in the future that
    // `next_line` returns, so dropping that future loses nothing.
    let mut lines = reader.lines();
    let mut heartbeat = tokio::time::interval(every);
    heartbeat.tick().await; // an interval's first tick is immediate
    let mut got = Received::default();
    loop {
        tokio::select! {
            line = lines.next_line() => match line {
                Ok(Some(line)) => got.messages.push(line),
                Ok(None) | Err(_) => break, // end of stream, or broken
            },
            _ = heartbeat.tick() => got.heartbeats += 1,
        }
    }
    got
}
