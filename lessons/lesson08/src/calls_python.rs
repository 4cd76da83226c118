//! The other direction: Rust awaiting a Python coroutine.
//!
//! A coroutine object means nothing outside the event loop that will run
//! it. `pyo3_async_runtimes::tokio::into_future` schedules it on that loop
//! (`call_soon_threadsafe`, then `ensure_future`) and returns a Rust future
//! that resolves when the resulting task is done. It schedules it when it is
//! called, not when its future is first polled: unlike a Rust future, the
//! coroutine runs even if nobody awaits what `into_future` returned
//! ([`convert_and_drop`]). Which loop? The one
//! `future_into_py` stored in the task's locals when Python awaited the
//! outer Rust future; called outside such a future, with no running loop on
//! the thread, it fails with `RuntimeError: no running event loop`.
//!
//! Errors come back as `PyErr`, which Rust matches on like any other error
//! (see [`crate::errors`] for the way out).

use pyo3::prelude::*;

// ANCHOR: await_python
/// Calls `make(n)` for each `n` in `numbers` (an `async def` in Python, so
/// each call gives a coroutine), awaits each from Rust in turn, and returns
/// the sum of the integers they return. A coroutine that raises stops the
/// sum; its exception reaches the Python caller unchanged.
#[pyfunction]
pub fn sum_from_python(
    py: Python<'_>,
    make: Py<PyAny>,
    numbers: Vec<i64>,
) -> PyResult<Bound<'_, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let mut sum = 0;
        for n in numbers {
            // The GIL for a moment, to call `make` and wrap its coroutine...
            let answer = Python::attach(|py| {
                let coroutine = make.bind(py).call1((n,))?;
                pyo3_async_runtimes::tokio::into_future(coroutine)
            })?;
            // ...then none while the coroutine runs on Python's loop.
            let value = answer.await?;
            sum += Python::attach(|py| value.bind(py).extract::<i64>())?;
        }
        Ok(sum)
    })
}
// ANCHOR_END: await_python

// ANCHOR: eager
/// Makes two futures and drops both without awaiting either: a Rust
/// `async` block, which therefore never runs (futures are lazy), and the
/// future `into_future` returns for `coroutine`, whose coroutine runs on
/// the event loop all the same, because `into_future` scheduled it with
/// `call_soon_threadsafe` when it was called. Returns whether the `async`
/// block ran: `False`. Call it from a coroutine, so a loop is running.
#[pyfunction]
pub fn convert_and_drop(coroutine: Bound<'_, PyAny>) -> PyResult<bool> {
    let mut ran = false;
    let lazy = async { ran = true };
    drop(lazy);
    let converted = pyo3_async_runtimes::tokio::into_future(coroutine)?;
    drop(converted);
    Ok(ran)
}
// ANCHOR_END: eager
