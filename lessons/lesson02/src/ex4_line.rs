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
//!
//! 练习 02-4：有长度上限的按行读取器。
//!
//! 原版用 `reader.readline()` 读取响应头的每一行，并相信服务器会把每一行
//! 结束。如果服务器发来一行永不结束的内容，没有上限的读取器就会在内存里
//! 攒下越来越多。基于 tokio 的 `AsyncBufRead`，亲手写出本课的 `wget` 需要
//! 的读取器：
//!
//! - `reader.fill_buf().await?` 给出已缓冲的内容（如果没有，就从连接再读一些）；
//!   空切片表示连接已经关闭。`reader.consume(n)` 把前 `n` 个字节标记为已用。
//! - 取到第一个 `\n` 为止的字节。这一行就是它之前的内容，不含 `\n`，也不含
//!   紧挨在它前面的 `\r`。把 `\n` 也消费掉，这样下次调用从下一行开始。
//! - 一行在 `\n` 之前最多只能有 `max` 字节（包括 `\r`）。一旦超过，立即返回
//!   `Err(LineError::TooLong)`：收集的字节永远不要超过 `max`。
//! - 一行还没开始就关闭了：`Ok(None)`。一行读到一半就关闭了：
//!   `Err(LineError::Unterminated)`。IO 错误：`Err(LineError::Io(kind))`。
//! - 字节保持原样：响应头不一定是 UTF-8。
//!
//! 只编辑这个文件。用 `cargo test -p lesson02 ex4` 检查。

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
    // TODO: 循环调用 fill_buf()；取到第一个 `\n` 为止的字节，一旦这一行
    // 超过 `max` 就以 TooLong 放弃；消费掉取走的字节（以及 `\n`）；
    // 去掉末尾的 `\r`。
    todo!()
}
