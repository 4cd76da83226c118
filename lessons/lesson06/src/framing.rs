//! A byte stream framed into messages: `tokio_util::codec::FramedRead`
//! with a `LinesCodec` turns any `AsyncRead` into a `Stream` of lines, as
//! asyncio's `StreamReader.readline()` reads one line at a time. Both need
//! a limit: a peer that never sends a newline would otherwise make the
//! reader buffer without end. asyncio's is the `limit` of `open_connection`
//! (64 KiB unless told, and `readline` raises `ValueError` past it);
//! tokio-util's is `LinesCodec::new_with_max_length` (none unless told).

use futures::StreamExt;
use tokio::io::AsyncRead;
use tokio_util::codec::{FramedRead, LinesCodec, LinesCodecError};

// ANCHOR: framed
/// Reads lines from `bytes` with a limit of `max` bytes a line, logging
/// each frame: a line, or the error that refuses one.
pub async fn frames<R: AsyncRead + Unpin>(bytes: R, max: usize) -> Vec<String> {
    let mut lines = FramedRead::new(bytes, LinesCodec::new_with_max_length(max));
    let mut log = Vec::new();
    while let Some(frame) = lines.next().await {
        match frame {
            Ok(line) => log.push(format!("line {line:?}")),
            Err(LinesCodecError::MaxLineLengthExceeded) => {
                log.push(format!("refused: a line longer than {max} bytes"))
            }
            Err(LinesCodecError::Io(e)) => log.push(format!("read error: {e}")),
        }
    }
    log
}
// ANCHOR_END: framed

/// The demo's input: a short line, a long one, a short one.
pub fn demo_input() -> Vec<u8> {
    let mut bytes = b"hello\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 100));
    bytes.extend_from_slice(b"\nbye\n");
    bytes
}

// ANCHOR: after_error
/// What `FramedRead` does after a decoder's error: the next `next()` gives
/// `None` once (tokio-util 0.7.20, `framed_impl.rs`, after tokio issue
/// 3976), so a `while let` loop stops there, even though reading on would
/// give the lines after the long one. Returns the frames read past that
/// `None`.
pub async fn past_the_end<R: AsyncRead + Unpin>(bytes: R, max: usize) -> Vec<String> {
    let mut lines = FramedRead::new(bytes, LinesCodec::new_with_max_length(max));
    while lines.next().await.is_some() {}
    let mut after = Vec::new();
    while let Some(frame) = lines.next().await {
        after.push(match frame {
            Ok(line) => format!("line {line:?}"),
            Err(e) => format!("error: {e}"),
        });
    }
    after
}
// ANCHOR_END: after_error
