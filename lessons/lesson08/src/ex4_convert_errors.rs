//! Exercise 08-4: a Rust error as the right Python exception.
//!
//! `read_port(text)` reads a TCP port number. Its errors are a Rust enum,
//! `PortError`; PyO3 raises one in Python through `From<PortError> for
//! PyErr`. Python code will write `except ValueError` around a bad port
//! and `except OverflowError` around one out of range, as it would for
//! `int()` and friends, so map:
//! - `Empty` to `ValueError("no port given")`,
//! - `NotANumber(text)` to a `ValueError` whose message contains `text`,
//! - `OutOfRange(n)` to an `OverflowError` whose message contains `n`.
//!
//! A panic is not an answer: Python sees `PanicException`, which no
//! `except Exception` catches.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex4`.
//!
//! 练习 08-4：把 Rust 错误变成恰当的 Python 异常。
//!
//! `read_port(text)` 读取 TCP 端口号。它的错误类型是 Rust 枚举
//! `PortError`；PyO3 通过 `From<PortError> for PyErr` 在 Python 里抛出它。
//! Python 代码会用 `except ValueError` 处理写错的端口，用
//! `except OverflowError` 处理超出范围的端口，就像调用 `int()` 之类的
//! 函数时那样，所以要这样对应：
//! - `Empty` 对应 `ValueError("no port given")`，
//! - `NotANumber(text)` 对应消息里含有 `text` 的 `ValueError`，
//! - `OutOfRange(n)` 对应消息里含有 `n` 的 `OverflowError`。
//!
//! panic 不算答案：Python 看到的是 `PanicException`，任何
//! `except Exception` 都捕获不到它。
//!
//! 只编辑这个文件。用 `cargo test -p lesson08 ex4` 检查。

use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

/// Why a port did not read.
#[derive(Debug, PartialEq, Eq)]
pub enum PortError {
    /// Nothing but spaces.
    Empty,
    /// Not a whole number.
    NotANumber(String),
    /// A number, but not from 1 to 65535.
    OutOfRange(u64),
}

impl From<PortError> for PyErr {
    fn from(e: PortError) -> PyErr {
        // TODO: one `match` arm per variant, each making its exception with
        // `PyValueError::new_err(message)` or `PyOverflowError::new_err(message)`.
        // TODO: 每个变体一个 `match` 分支，各自用
        // `PyValueError::new_err(message)` 或 `PyOverflowError::new_err(message)` 创建异常。
        todo!()
    }
}

/// A port from 1 to 65535, from `text` (spaces around it allowed).
#[pyfunction]
pub fn read_port(text: &str) -> Result<u16, PortError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(PortError::Empty);
    }
    let n: u64 = text
        .parse()
        .map_err(|_| PortError::NotANumber(text.to_string()))?;
    match u16::try_from(n) {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(PortError::OutOfRange(n)),
    }
}
