//! Exercise 10-2: a scripted-IO test of a line reader.
//!
//! Write the test again. `read_lines_is_tested(read_lines)` gets a line
//! reader with the contract of [`crate::lines::read_lines`] and must panic
//! unless it keeps it: every line without its `\n`, a line the peer sends
//! in pieces comes back whole, a last line with no `\n` counts, and an
//! error from the peer comes back as that error. Feed it scripted peers,
//! `tokio_test::io::Builder::new().read(..).read(..).build()`: each
//! `read` is one chunk the reader receives, and `read_error` makes a read
//! fail. The grader runs your test against the right reader (it must pass)
//! and against three faulty ones in `faulty.rs` (each must fail): one that
//! takes each chunk for a line, one that drops a last line with no `\n`,
//! one that takes an error for the end of the stream.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex2`.
//!
//! 练习 10-2：用脚本化 IO 测试按行读取。
//!
//! 还是由你来写测试。`read_lines_is_tested(read_lines)` 接过一个约定与
//! [`crate::lines::read_lines`] 相同的按行读取函数；除非它守住了约定，
//! 否则你的测试必须 panic：每一行都去掉 `\n`；对端分几块发来的一行要
//! 完整地拼回来；最后一行没有 `\n` 也算一行；对端来的错误要原样返回。
//! 喂给它脚本化的对端：
//! `tokio_test::io::Builder::new().read(..).read(..).build()`，每个 `read`
//! 是读取方收到的一块数据，`read_error` 让一次读取出错。评分程序拿正确的
//! 函数运行你的测试（必须通过），再拿 `faulty.rs` 里的三个有错的版本运行
//! （每个都必须失败）：一个把每一块都当成一行，一个丢掉没有 `\n` 的最后
//! 一行，一个把错误当成数据流的结尾。
//!
//! 只编辑这个文件。用 `cargo test -p lesson10 ex2` 检查。

use std::io;

use tokio_test::io::{Builder, Mock};

/// Panics unless `read_lines` joins split lines, keeps a last line with no
/// `\n` and passes a read error on.
pub async fn read_lines_is_tested(read_lines: impl AsyncFn(Mock) -> io::Result<Vec<String>>) {
    // TODO: build scripted peers with `Builder` (a line cut across two
    // reads, a last line with no `\n`, a `read_error`) and assert on what
    // `read_lines` returns for each.
    // TODO: 用 `Builder` 搭几个脚本化的对端（一行被拆在两次读取里、最后
    // 一行没有 `\n`、一个 `read_error`），对 `read_lines` 每次返回的结果
    // 做断言。
    todo!()
}
