//! A Rust `async fn` as something Python can `await`.
//!
//! `pyo3_async_runtimes::tokio::future_into_py` takes a Rust future, spawns
//! it on a tokio runtime of its own (multi-thread, started on first use, one
//! worker per core; this module asks for one blocking thread, see `settle`),
//! and hands Python an `asyncio.Future` on the running event loop. When the
//! Rust future finishes, the bridge takes the GIL on that blocking thread and
//! calls `loop.call_soon_threadsafe` to set the future's result: two event
//! loops, each on its own threads, and one future that crosses between them.
//! Python's loop never waits on Rust; it only learns, through its own queue,
//! that an answer is there.

use std::time::{Duration, Instant};

use pyo3::prelude::*;

// ANCHOR: sleep_and_report
/// Sleeps `ms` milliseconds on tokio's clock, then returns the name of the
/// tokio thread that finished the job (`"tokio-rt-worker"` in tokio 1.54), so that
/// Python can print it beside its own. Python gets an awaitable at once.
#[pyfunction]
pub fn sleep_and_report(py: Python<'_>, ms: u64) -> PyResult<Bound<'_, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok(thread_name())
    })
}
// ANCHOR_END: sleep_and_report

/// The current thread's name, or its id when it has none.
pub fn thread_name() -> String {
    let thread = std::thread::current();
    match thread.name() {
        Some(name) => name.to_string(),
        None => format!("{:?}", thread.id()),
    }
}

// ANCHOR: nothing
/// An awaitable that does nothing: what one crossing of the boundary costs,
/// there and back (spawn on tokio, then a result set through the event
/// loop's thread-safe queue).
#[pyfunction]
pub fn nothing(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async { Ok(()) })
}

/// A plain function that does nothing: the cost of a call with no future.
#[pyfunction]
pub fn nothing_sync() {}
// ANCHOR_END: nothing

/// How many worker threads the bridge's tokio runtime has (one per core
/// by default): the grader starts several times as many calls at once.
#[pyfunction]
pub fn bridge_workers() -> usize {
    pyo3_async_runtimes::tokio::get_runtime()
        .metrics()
        .num_workers()
}

/// How many tasks are alive on the bridge's runtime right now: the grader
/// reads it to see whether a future spawned a task of its own, and whether
/// that task is gone once Python has cancelled the future.
#[pyfunction]
pub fn bridge_tasks() -> usize {
    pyo3_async_runtimes::tokio::get_runtime()
        .metrics()
        .num_alive_tasks()
}

// ANCHOR: settle
/// The bridge's tokio runtime, given to pyo3-async-runtimes when the module
/// loads (it is still built on first use): multi-thread like its default,
/// but with one thread for blocking jobs, so that the bridge's hand-offs to
/// Python (each a `spawn_blocking` job) run one at a time, in the order
/// they were queued.
pub fn bridge_runtime() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all().max_blocking_threads(1);
    builder
}

/// Registered with `atexit` when the module loads, so it runs before the
/// interpreter shuts down. With the GIL given up (a hand-off may be waiting
/// for it), it waits until the bridge's runtime has no task left, so none
/// will queue another hand-off; then it queues a blocking job of its own
/// and waits for it: that job runs after every hand-off queued before it
/// has finished. Each wait is at most a second: a task that never ends (a
/// beat nobody stops) only delays the exit.
#[pyfunction]
pub fn settle(py: Python<'_>) {
    py.detach(|| {
        let runtime = pyo3_async_runtimes::tokio::get_runtime();
        let deadline = Instant::now() + Duration::from_secs(1);
        while runtime.metrics().num_alive_tasks() > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        let (done, finished) = std::sync::mpsc::channel();
        runtime.spawn_blocking(move || done.send(()));
        let _ = finished.recv_timeout(Duration::from_secs(1));
    });
}
// ANCHOR_END: settle
