//! Exercise 08-3: give the GIL back around CPU work.
//!
//! `checksum(data, rounds)` is CPU work that touches no Python object:
//! `lesson08::gil::crunch`. Python runs it in a thread
//! (`await asyncio.to_thread(lesson08.checksum, data, rounds)`) so that its
//! event loop can go on meanwhile, but a Rust function called from Python
//! holds the GIL until it returns: the loop cannot run a single line.
//! Release it for the length of the work with `py.detach(...)`.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex3`.
//!
//! 练习 08-3：在 CPU 密集工作期间交还 GIL。
//!
//! `checksum(data, rounds)` 是不碰任何 Python 对象的 CPU 工作：
//! `lesson08::gil::crunch`。Python 在另一个线程里运行它
//!（`await asyncio.to_thread(lesson08.checksum, data, rounds)`），好让
//! 事件循环在此期间继续运行；但从 Python 调用的 Rust 函数会一直持有 GIL，
//! 直到返回，所以事件循环一行也跑不了。用 `py.detach(...)` 在整个工作
//! 期间释放 GIL。
//!
//! 只编辑这个文件。用 `cargo test -p lesson08 ex3` 检查。

use pyo3::prelude::*;

use crate::gil::crunch;

/// `crunch(&data, rounds)`, computed with the GIL released.
#[pyfunction]
pub fn checksum(py: Python<'_>, data: Vec<u8>, rounds: u32) -> u64 {
    // TODO: compute `crunch(&data, rounds)` inside `py.detach(|| ...)`.
    // TODO: 在 `py.detach(|| ...)` 里计算 `crunch(&data, rounds)`。
    todo!()
}
