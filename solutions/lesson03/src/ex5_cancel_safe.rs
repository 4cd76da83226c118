//! Exercise 03-5: a cancellation-safe loop.
//!
//! A client reads newline-ended messages from a connection and, while it
//! waits, counts heartbeats: one every `beat`. The natural shape is a loop
//! around `select!` with two branches, "a line arrived" and "a beat
//! passed". Each time the beat wins, `select!` drops the read that was
//! under way. Whether that loses data depends on the read:
//! `read_with_heartbeat_naive` below uses `read_line`, which tokio documents
//! as *not* cancel safe: bytes it had taken from the connection are lost
//! with it. Send it `"hel"`, pause past a beat, send `"lo\n"`, and it
//! returns `"lo"`.
//!
//! Write `read_with_heartbeat` so that no byte is ever lost: keep the bytes
//! of the unfinished line in a buffer that lives *outside* the loop, and
//! read with something that is cancel safe, such as
//! `AsyncBufReadExt::read_until(b'\n', &mut buffer)` on a `BufReader`
//! (partly read bytes stay in `buffer`, and the next call carries on).
//!
//! Return the lines without their `\n`, in order, with a last line that has
//! no `\n` included if it is not empty, and the number of beats counted.
//! Beats come every `beat` from the call, the first one `beat` after it
//! (`tokio::time::interval_at`). A line that is not UTF-8 is an
//! `io::ErrorKind::InvalidData` error.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex5`.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::time::{Instant, interval_at};

/// The version to fix. Given; it compiles, runs, and loses data.
pub async fn read_with_heartbeat_naive<R: AsyncRead + Unpin>(
    reader: R,
    beat: Duration,
) -> io::Result<(Vec<String>, u32)> {
    let mut reader = BufReader::new(reader);
    let mut ticks = interval_at(Instant::now() + beat, beat);
    let (mut lines, mut beats) = (Vec::new(), 0);
    let mut line = String::new();
    loop {
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    return Ok((lines, beats));
                }
                lines.push(line.trim_end_matches('\n').to_string());
                line.clear();
            }
            _ = ticks.tick() => beats += 1, // drops the read_line under way
        }
    }
}

/// Reads lines until the end of `reader`, counting a heartbeat every
/// `beat` meanwhile, without losing a byte when a beat interrupts a read.
pub async fn read_with_heartbeat<R: AsyncRead + Unpin>(
    reader: R,
    beat: Duration,
) -> io::Result<(Vec<String>, u32)> {
    // TODO: the same loop, with the unfinished line's bytes kept outside it.
    let mut reader = BufReader::new(reader);
    let mut ticks = interval_at(Instant::now() + beat, beat);
    let (mut lines, mut beats) = (Vec::new(), 0);
    // Outlives every select!: what a cancelled read_until read stays here.
    let mut pending = Vec::new();
    loop {
        tokio::select! {
            read = reader.read_until(b'\n', &mut pending) => {
                let at_end = read? == 0 || !pending.ends_with(b"\n");
                if pending.ends_with(b"\n") {
                    pending.pop();
                }
                if !(at_end && pending.is_empty()) {
                    let line = String::from_utf8(std::mem::take(&mut pending))
                        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                    lines.push(line);
                }
                if at_end {
                    return Ok((lines, beats));
                }
            }
            _ = ticks.tick() => beats += 1,
        }
    }
}
