//! Exercise 02-4: a line reader with a length limit.
//!
//! The seed reads header lines with `reader.readline()` and trusts the
//! server to end each one. A server that sends one endless line would make
//! a reader without a limit hold more and more of it in memory. Write the
//! reader the lesson's `wget` needs, by hand, on tokio's `AsyncBufRead`:
//!
//! - `reader.fill_buf().await?` gives what is buffered (reading more from
//!   the connection if nothing is); an empty slice means the connection
//!   closed. `reader.consume(n)` marks the first `n` bytes as used.
//! - Take bytes up to the first `\n`. The line is what came before it,
//!   without the `\n` and without a `\r` just before it. Consume the `\n`
//!   too, so the next call starts on the next line.
//! - A line may hold at most `max` bytes before its `\n` (`\r` included).
//!   As soon as it holds more, answer `Err(LineError::TooLong)`: never
//!   gather more than `max` bytes.
//! - Closed before a line began: `Ok(None)`. Closed in the middle of one:
//!   `Err(LineError::Unterminated)`. An IO error: `Err(LineError::Io(kind))`.
//! - Keep the bytes as they are: a header need not be UTF-8.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex4`.

use std::io;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// More than `limit` bytes came without a `\n`.
    TooLong { limit: usize },
    /// The connection closed in the middle of a line.
    Unterminated,
    /// Reading failed.
    Io(io::ErrorKind),
}

impl From<io::Error> for LineError {
    fn from(e: io::Error) -> Self {
        LineError::Io(e.kind())
    }
}

/// Reads one line of at most `max` bytes; see the top of the file.
pub async fn read_line_bounded<R>(reader: &mut R, max: usize) -> Result<Option<Vec<u8>>, LineError>
where
    R: AsyncBufRead + Unpin,
{
    // TODO: loop on fill_buf(); take bytes up to the first `\n`, giving up
    // with TooLong as soon as the line holds more than `max`; consume what
    // you took (and the `\n`); strip a final `\r`.
    let mut line = Vec::new();
    loop {
        let buffered = reader.fill_buf().await?;
        if buffered.is_empty() {
            return if line.is_empty() {
                Ok(None)
            } else {
                Err(LineError::Unterminated)
            };
        }
        let newline = buffered.iter().position(|&b| b == b'\n');
        let take = newline.unwrap_or(buffered.len());
        if line.len() + take > max {
            return Err(LineError::TooLong { limit: max });
        }
        line.extend_from_slice(&buffered[..take]);
        if newline.is_some() {
            reader.consume(take + 1);
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
        reader.consume(take);
    }
}
