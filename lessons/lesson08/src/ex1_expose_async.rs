//! Exercise 08-1: a Rust async function Python can await.
//!
//! Python should be able to write `await lesson08.slow_square(7, 50)` and
//! get 49 after 50 milliseconds, while its event loop goes on with other
//! tasks. Return an awaitable made by
//! `pyo3_async_runtimes::tokio::future_into_py` from a future that sleeps
//! `ms` milliseconds on tokio's clock and then gives `n * n`.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex1`.
//!
//! 练习 08-1：Python 可以 await 的 Rust async 函数。
//!
//! Python 应该能写 `await lesson08.slow_square(7, 50)`，50 毫秒后得到 49，
//! 而它的事件循环在此期间继续处理其他任务。返回一个可等待对象：用
//! `pyo3_async_runtimes::tokio::future_into_py` 包装一个 future，这个
//! future 在 tokio 的时钟上睡 `ms` 毫秒，然后返回 `n * n`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson08 ex1` 检查。

use std::time::Duration;

use pyo3::prelude::*;

/// An awaitable that resolves to `n * n` after `ms` milliseconds; the
/// caller's event loop keeps running meanwhile.
#[pyfunction]
pub fn slow_square(py: Python<'_>, n: u64, ms: u64) -> PyResult<Bound<'_, PyAny>> {
    // TODO: hand Python a future: `future_into_py(py, async move { ... })`,
    // whose block sleeps with `tokio::time::sleep` and returns `Ok(n * n)`.
    // TODO: 把 future 交给 Python：`future_into_py(py, async move { ... })`，
    // 块里用 `tokio::time::sleep` 睡眠，然后返回 `Ok(n * n)`。
    todo!()
}
