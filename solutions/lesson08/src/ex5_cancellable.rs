//! Exercise 08-5: a Rust future that stops when Python cancels it.
//!
//! `heartbeat(counter, every_ms)` beats for ever: it adds one to `counter`
//! every `every_ms` milliseconds, on a tokio task of its own (so the beat
//! goes on at its pace whatever the awaiting future does), and the
//! awaitable it returns waits for that task. When Python cancels the
//! awaitable (`task.cancel()`, a timeout), pyo3-async-runtimes drops the
//! Rust future, but a spawned task is not part of that future: dropping its
//! `JoinHandle` detaches it, and it beats on for as long as the process
//! lives. Make the beat stop when the future is dropped.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex5`.

use pyo3::prelude::*;

use crate::cancel::{Counter, tick};

/// Beats `counter` every `every_ms` milliseconds until Python cancels it.
#[pyfunction]
pub fn heartbeat<'py>(
    py: Python<'py>,
    counter: &Bound<'py, Counter>,
    every_ms: u64,
) -> PyResult<Bound<'py, PyAny>> {
    // TODO: take the count (`counter.get().shared()`); inside
    // `future_into_py`, spawn `tick(count, u64::MAX, every_ms)` with
    // `tokio::spawn`; hold a guard whose `Drop` calls `abort()` on the
    // task (`abort_handle()`), so that dropping the future stops the beat;
    // then wait for the task and return `Ok(())`.
    let count = counter.get().shared();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        struct AbortOnDrop(tokio::task::AbortHandle);
        impl Drop for AbortOnDrop {
            fn drop(&mut self) {
                self.0.abort();
            }
        }
        let beat = tokio::spawn(tick(count, u64::MAX, every_ms));
        let _stop = AbortOnDrop(beat.abort_handle());
        let _ = beat.await;
        Ok(())
    })
}
