//! Exercise 06-6: a framed reader that refuses an over-long line.
//!
//! A line-based protocol reads a line at a time, and a line has no length
//! field: the reader keeps buffering until it sees `\n`. A peer that sends
//! a megabyte with no newline (by mistake, or to hurt you) makes an
//! unlimited reader hold all of it. asyncio's `StreamReader.readline()`
//! stops at its `limit` (64 KiB unless told) with a `ValueError`;
//! `tokio_util::codec::LinesCodec` has no limit unless you give one with
//! `LinesCodec::new_with_max_length(max)`, and then it gives
//! `Err(LinesCodecError::MaxLineLengthExceeded)` instead of a line.
//!
//! Write `read_lines`: frame `reader` into lines with a `FramedRead` and a
//! `LinesCodec` of at most `max` bytes a line, and collect them until the
//! end of the input. A line longer than `max` refuses the whole input:
//! return `Err(Refused::TooLong { after })`, `after` being how many good
//! lines came before it, without reading further. A read error gives
//! `Err(Refused::Io(message))`.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex6`.

use futures::StreamExt;
use tokio::io::AsyncRead;
use tokio_util::codec::{FramedRead, LinesCodec, LinesCodecError};

/// Why the input was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// A line was longer than the limit, after `after` good lines.
    TooLong { after: usize },
    /// Reading failed.
    Io(String),
}

/// Every line of `reader` (without its `\n` or `\r\n`), each at most `max`
/// bytes long; refused at the first line that is longer.
pub async fn read_lines<R: AsyncRead + Unpin>(
    reader: R,
    max: usize,
) -> Result<Vec<String>, Refused> {
    // TODO: a FramedRead over `reader` with LinesCodec::new_with_max_length(max);
    // collect the lines, and turn the codec's errors into `Refused`.
    let mut frames = FramedRead::new(reader, LinesCodec::new_with_max_length(max));
    let mut lines = Vec::new();
    while let Some(frame) = frames.next().await {
        match frame {
            Ok(line) => lines.push(line),
            Err(LinesCodecError::MaxLineLengthExceeded) => {
                return Err(Refused::TooLong { after: lines.len() });
            }
            Err(LinesCodecError::Io(e)) => return Err(Refused::Io(e.to_string())),
        }
    }
    Ok(lines)
}
