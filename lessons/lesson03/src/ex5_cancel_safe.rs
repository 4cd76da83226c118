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
//!
//! 练习 03-5：取消安全的循环。
//!
//! 一个客户端从连接中读取以换行结尾的消息，等待期间还要数心跳：每隔 `beat`
//! 一次。最自然的写法是把 `select!` 放进一个循环，两个分支分别是“来了
//! 一行”和“过了一个心跳”。每当心跳胜出，`select!` 就会丢弃正在进行的
//! 那次读取。会不会因此丢数据，取决于用的是哪种读取：下面的
//! `read_with_heartbeat_naive` 用的是 `read_line`，而 tokio 的文档写明它
//! 不是取消安全的：它已经从连接中取出的字节会随它一起丢失。先发
//! `"hel"`，停顿超过一个心跳，再发 `"lo\n"`，它返回的是 `"lo"`。
//!
//! 写出 `read_with_heartbeat`，保证一个字节也不丢：把未完成那一行的字节
//! 放在一个活在循环之外的缓冲区里，并用取消安全的方式读取，例如在
//! `BufReader` 上调用 `AsyncBufReadExt::read_until(b'\n', &mut buffer)`
//!（读了一部分的字节会留在 `buffer` 里，下次调用接着读）。
//!
//! 按顺序返回去掉 `\n` 的各行；最后一行如果没有 `\n` 但不为空，也要包括
//! 在内；同时返回数到的心跳数。心跳从调用时起每隔 `beat` 一次，第一次在
//! 调用后 `beat` 时（`tokio::time::interval_at`）。不是 UTF-8 的行算作
//! `io::ErrorKind::InvalidData` 错误。
//!
//! 只编辑这个文件。用 `cargo test -p lesson03 ex5` 检查。

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
    // TODO: 同样的循环，但把未完成那一行的字节保存在循环之外。
    todo!()
}
