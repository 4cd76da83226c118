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
//!
//! 练习 06-6：拒绝超长行的分帧读取器。
//!
//! 基于行的协议一次读一行，而行没有长度字段：读取方一直缓冲，直到看见
//! `\n`。如果对端发来一兆字节却没有换行符（无论是出错，还是存心害你），
//! 不设上限的读取方就得把这些全都攥在手里。asyncio 的
//! `StreamReader.readline()` 读到 `limit`（默认 64 KiB）就以 `ValueError`
//! 停下；`tokio_util::codec::LinesCodec` 则没有上限，除非你用
//! `LinesCodec::new_with_max_length(max)` 给它一个；有了上限，它遇到超长的
//! 行就返回 `Err(LinesCodecError::MaxLineLengthExceeded)`，而不是这一行。
//!
//! 写出 `read_lines`：用 `FramedRead` 和每行最多 `max` 字节的 `LinesCodec`
//! 把 `reader` 切分成行，一直收集到输入结束。只要有一行长于 `max`，就拒绝
//! 整个输入：返回 `Err(Refused::TooLong { after })`，`after` 是它之前有多少
//! 个正常的行，并且不再往下读。读取出错时返回 `Err(Refused::Io(message))`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex6` 检查。

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
    // TODO: 在 `reader` 上建一个 FramedRead，配 LinesCodec::new_with_max_length(max)；
    // 收集各行，并把编解码器的错误变成 `Refused`。
    todo!()
}
