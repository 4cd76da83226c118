//! Errors both ways across the boundary.
//!
//! Rust to Python: a `#[pyfunction]` (or a future given to
//! `future_into_py`) that returns `Err(e)` raises `e` in Python, where `e`
//! is a `PyErr` or anything with `From<E> for PyErr`. A panic is not an
//! error: PyO3 turns it into `pyo3_runtime.PanicException` (a
//! `BaseException`, so `except Exception` does not catch it), and the
//! bridge turns a panicking future into `RustPanic`.
//!
//! Python to Rust: a coroutine that raises, awaited through `into_future`,
//! gives `Err(PyErr)`; Rust can ask which Python class it is, take its
//! message, or pass it on with `?`.

use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;

// ANCHOR: size_error
/// What can go wrong reading a size such as `"10 KiB"`.
#[derive(Debug, PartialEq, Eq)]
pub enum SizeError {
    /// No number before the unit.
    NoNumber(String),
    /// A unit other than B, KiB or MiB.
    UnknownUnit(String),
}

impl From<SizeError> for PyErr {
    fn from(e: SizeError) -> PyErr {
        match e {
            SizeError::NoNumber(text) => PyValueError::new_err(format!("no number in {text:?}")),
            SizeError::UnknownUnit(unit) => PyValueError::new_err(format!("unknown unit {unit:?}")),
        }
    }
}

/// `"10 KiB"` as 10240: a number, a space, then B, KiB or MiB. Raises
/// `ValueError` in Python, through `From<SizeError> for PyErr`.
#[pyfunction]
pub fn parse_size(text: &str) -> Result<u64, SizeError> {
    let (number, unit) = text.trim().split_once(' ').unwrap_or((text.trim(), "B"));
    let number: u64 = number
        .parse()
        .map_err(|_| SizeError::NoNumber(text.to_string()))?;
    let scale = match unit {
        "B" => 1,
        "KiB" => 1024,
        "MiB" => 1024 * 1024,
        other => return Err(SizeError::UnknownUnit(other.to_string())),
    };
    Ok(number * scale)
}
// ANCHOR_END: size_error

// ANCHOR: from_python
/// Awaits `coroutine` from Rust and says how it ended, in one line:
/// `"returned 42"`, `"missing key 'x'"` for a `KeyError` (the one error
/// Rust handles here), and any other exception passed on to the caller.
#[pyfunction]
pub fn explain<'py>(py: Python<'py>, coroutine: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let answer = pyo3_async_runtimes::tokio::into_future(coroutine)?;
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        match answer.await {
            Ok(value) => Python::attach(|py| Ok(format!("returned {}", value.bind(py).repr()?))),
            Err(e) => Python::attach(|py| {
                if e.is_instance_of::<PyKeyError>(py) {
                    Ok(format!("missing key {}", e.value(py).str()?))
                } else {
                    Err(e)
                }
            }),
        }
    })
}
// ANCHOR_END: from_python
