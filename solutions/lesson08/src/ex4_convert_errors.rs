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
        match e {
            PortError::Empty => PyValueError::new_err("no port given"),
            PortError::NotANumber(text) => PyValueError::new_err(format!("not a number: {text:?}")),
            PortError::OutOfRange(n) => {
                PyOverflowError::new_err(format!("port {n} is not from 1 to 65535"))
            }
        }
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
