//! Exercise 08-2: Rust awaiting a Python coroutine.
//!
//! `get_word` is a Python `async def` that takes no argument and returns a
//! string. `shout(get_word)` must call it, await the coroutine it gives
//! (from Rust, on the caller's event loop), and resolve to the word in
//! upper case followed by `!`: `"hi"` becomes `"HI!"`. Calling `get_word`
//! only makes a coroutine object; nothing in it runs until the event loop
//! is handed it, which `into_future` does at once (awaiting the Rust future
//! it returns then gives the coroutine's result).
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex2`.

use pyo3::prelude::*;

/// An awaitable that awaits `get_word()` and resolves to its upper-case
/// form followed by `!`. An exception from `get_word` reaches the caller.
#[pyfunction]
pub fn shout(py: Python<'_>, get_word: Py<PyAny>) -> PyResult<Bound<'_, PyAny>> {
    // TODO: inside `future_into_py`, take the GIL (`Python::attach`) to call
    // `get_word` and turn its coroutine into a Rust future with
    // `pyo3_async_runtimes::tokio::into_future`; await that future without
    // the GIL, then extract the `String` and shout it.
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let word = Python::attach(|py| {
            pyo3_async_runtimes::tokio::into_future(get_word.bind(py).call0()?)
        })?
        .await?;
        let word = Python::attach(|py| word.bind(py).extract::<String>())?;
        Ok(format!("{}!", word.to_uppercase()))
    })
}
