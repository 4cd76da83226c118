//! Exercise 08-3: give the GIL back around CPU work.
//!
//! `checksum(data, rounds)` is CPU work that touches no Python object:
//! `lesson08::gil::crunch`. Python runs it in a thread
//! (`await asyncio.to_thread(lesson08.checksum, data, rounds)`) so that its
//! event loop can go on meanwhile, but a Rust function called from Python
//! holds the GIL until it returns: the loop cannot run a single line.
//! Release it for the length of the work with `py.detach(...)`.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex3`.

use pyo3::prelude::*;

use crate::gil::crunch;

/// `crunch(&data, rounds)`, computed with the GIL released.
#[pyfunction]
pub fn checksum(py: Python<'_>, data: Vec<u8>, rounds: u32) -> u64 {
    // TODO: compute `crunch(&data, rounds)` inside `py.detach(|| ...)`.
    py.detach(|| crunch(&data, rounds))
}
