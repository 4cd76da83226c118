//! Cancellation both ways, and what the bridge does not carry.
//!
//! Python to Rust: `future_into_py` adds a done-callback to the
//! `asyncio.Future` it returns; when Python cancels that future
//! (`Task.cancel()`, a `timeout`, a `TaskGroup` that fails), the callback
//! tells the tokio task, which stops polling the Rust future and drops it
//! (pyo3-async-runtimes 0.30.0, `generic.rs`, `Cancellable`). Dropping is
//! Rust's cancellation: the future stops at the `.await` it was parked on.
//! What is not inside that future goes on: a task it `tokio::spawn`ed, a
//! `spawn_blocking` job, a thread. [`count_up`] shows both.
//!
//! Rust to Python: dropping the future `into_future` returned does nothing
//! to the Python task behind it; the task runs to its end and its result is
//! thrown away. If the Python side is cancelled, Rust's `.await` gives
//! `Err` holding `asyncio.CancelledError`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use pyo3::prelude::*;

/// A number Rust's tasks count up and Python reads, with no GIL needed to
/// count (an atomic, shared through an `Arc`).
#[pyclass(frozen)]
#[derive(Debug, Default)]
pub struct Counter {
    count: Arc<AtomicU64>,
}

#[pymethods]
impl Counter {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// How far it has counted.
    #[getter]
    fn value(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

impl Counter {
    /// A handle on the count for a Rust task: no GIL needed to use it.
    pub fn shared(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.count)
    }
}

/// Adds one to `count` every `every_ms` milliseconds, `times` times.
pub async fn tick(count: Arc<AtomicU64>, times: u64, every_ms: u64) {
    for _ in 0..times {
        tokio::time::sleep(Duration::from_millis(every_ms)).await;
        count.fetch_add(1, Ordering::Relaxed);
    }
}

// ANCHOR: count_up
/// Counts `counter` up every `every_ms` milliseconds, `times` times, two
/// ways at once: in the future Python awaits, and in a task spawned beside
/// it (`counter_spawned`). Cancel the awaitable from Python and the first
/// stops; the spawned one counts on to the end.
#[pyfunction]
pub fn count_up<'py>(
    py: Python<'py>,
    counter: &Bound<'py, Counter>,
    counter_spawned: &Bound<'py, Counter>,
    times: u64,
    every_ms: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let inside = counter.get().shared();
    let beside = counter_spawned.get().shared();
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        // Not awaited, not aborted: dropping its JoinHandle detaches it.
        tokio::spawn(tick(beside, times, every_ms));
        tick(inside, times, every_ms).await;
        Ok(())
    })
}
// ANCHOR_END: count_up

// ANCHOR: give_up
/// Awaits `coroutine` from Rust for at most `ms` milliseconds. Resolves to
/// `"finished"`, or to `"gave up"` when the time ran out, in which case
/// Rust drops its future and the Python task behind it runs on regardless.
#[pyfunction]
pub fn give_up_after<'py>(
    py: Python<'py>,
    coroutine: Bound<'py, PyAny>,
    ms: u64,
) -> PyResult<Bound<'py, PyAny>> {
    let answer = pyo3_async_runtimes::tokio::into_future(coroutine)?;
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        match tokio::time::timeout(Duration::from_millis(ms), answer).await {
            Ok(result) => result.map(|_| "finished"),
            Err(_) => Ok("gave up"),
        }
    })
}
// ANCHOR_END: give_up
