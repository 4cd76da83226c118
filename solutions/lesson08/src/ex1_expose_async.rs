//! Exercise 08-1: a Rust async function Python can await.
//!
//! Python should be able to write `await lesson08.slow_square(7, 50)` and
//! get 49 after 50 milliseconds, while its event loop goes on with other
//! tasks. Return an awaitable made by
//! `pyo3_async_runtimes::tokio::future_into_py` from a future that sleeps
//! `ms` milliseconds on tokio's clock and then gives `n * n`.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex1`.

use std::time::Duration;

use pyo3::prelude::*;

/// An awaitable that resolves to `n * n` after `ms` milliseconds; the
/// caller's event loop keeps running meanwhile.
#[pyfunction]
pub fn slow_square(py: Python<'_>, n: u64, ms: u64) -> PyResult<Bound<'_, PyAny>> {
    // TODO: hand Python a future: `future_into_py(py, async move { ... })`,
    // whose block sleeps with `tokio::time::sleep` and returns `Ok(n * n)`.
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok(n * n)
    })
}
