//! The GIL: who may touch Python objects, and for how long.
//!
//! A `Python<'py>` token, or a `Bound<'py, T>` made with one, is proof that
//! this thread holds the GIL, for the lifetime `'py`. A future handed to
//! `future_into_py` must be `Send + 'static`: tokio may move it between
//! threads and keep it past the call that made it. Neither a token nor a
//! `Bound` is either, so holding the GIL across an `.await` is a compile
//! error here (`snippets/gil_across_await.rs`, a `compile_fail` doctest
//! below, and what rustc says about it in `snippets/gil_across_await.stderr`).
//! The fix, [`late_hello`], keeps a `Py<T>` (a reference that needs no GIL
//! to hold) and takes the GIL for the moment it reads it.
//!
//! The other half: a plain Rust function that Python calls holds the GIL
//! for its whole run, so no Python thread (not even the event loop, when
//! the call runs in `asyncio.to_thread`) moves while it computes.
//! `Python::detach` gives the GIL back around work that touches no Python
//! object ([`crunch_released`]); [`crunch_holding`] is the same work
//! without it.

use std::time::Duration;

use pyo3::prelude::*;

/// Holding a `Bound` (and so the GIL) across `.await`: refused, because the
/// future must be `Send` and `'static`.
///
#[doc = "```compile_fail"]
#[doc = include_str!("../snippets/gil_across_await.rs")]
#[doc = "```"]
#[derive(Debug)]
pub struct GilAcrossAwait;

// ANCHOR: late_hello
/// After `ms` milliseconds, `"hello, "` and `str(name)`. The future keeps a
/// `Py<PyAny>`, which needs no GIL to hold, and attaches to Python only to
/// read it, after the sleep.
#[pyfunction]
pub fn late_hello(py: Python<'_>, name: Py<PyAny>, ms: u64) -> PyResult<Bound<'_, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let text = Python::attach(|py| name.bind(py).str()?.extract::<String>())?;
        Ok(format!("hello, {text}"))
    })
}
// ANCHOR_END: late_hello

// ANCHOR: crunch
/// CPU work that touches no Python object: `rounds` passes of an FNV-1a
/// hash over `data`, each pass seeded with the last. Returns the final
/// hash. About 1 ns per byte and round in a release build.
pub fn crunch(data: &[u8], rounds: u32) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for _ in 0..rounds {
        for &byte in data {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// [`crunch`] with the GIL held throughout: every other Python thread,
/// the event loop's included, waits until it returns.
#[pyfunction]
pub fn crunch_holding(data: Vec<u8>, rounds: u32) -> u64 {
    crunch(&data, rounds)
}

/// [`crunch`] with the GIL given back while it runs, so Python's other
/// threads (and the event loop, if this runs in `asyncio.to_thread`) go on.
#[pyfunction]
pub fn crunch_released(py: Python<'_>, data: Vec<u8>, rounds: u32) -> u64 {
    py.detach(|| crunch(&data, rounds))
}
// ANCHOR_END: crunch
