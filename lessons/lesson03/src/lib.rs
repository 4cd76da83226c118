//! Lesson 03: async and await.
//!
//! The note's third part says Python 3.5 added `async` and `await` to mark
//! asynchronous code more simply, and that .NET has them too. This lesson
//! shows what the two words compile to in Rust, how futures are combined
//! (joined, raced, bounded, timed out, cancelled), and rewrites the note's
//! `wget.py` as a concurrent HTTP client on reqwest.
//!
//! # Layout
//! - [`lowered`]: `async fn` as a state machine; futures are lazy, spawned
//!   tasks are not.
//! - [`compose`]: `join!`, `try_join!`, `select!`, `timeout`, `JoinSet`,
//!   `buffer_unordered`, and cancellation by drop, each on a pretend
//!   download with exact timing.
//! - [`send`]: why `tokio::spawn` wants `Send` futures (a `compile_fail`
//!   example shows the error).
//! - [`wget`] and [`servers`]: the program, and the local servers it
//!   fetches from when given no URL; [`fetch_error`]: its errors, one line
//!   each, and how a reqwest error is sorted into one.
//! - `ex1_all_or_nothing` to `ex5_cancel_safe`: the exercises, one file
//!   each. These are the only files you edit; `tests/exercises.rs` grades
//!   them.
//!
//! `cargo run -p lesson03 [-- URL...]` runs the program; `cargo test -p
//! lesson03` grades the exercises.

// While an exercise still holds its `todo!()`, the names its task gives you
// are unused; these allowances keep that from burying real warnings in noise.
// The solution crate has none of them.
#![allow(unused_imports, unused_variables, unused_mut, dead_code)]

pub mod compose;
pub mod fetch_error;
pub mod lowered;
pub mod send;
pub mod servers;
pub mod wget;

pub mod ex1_all_or_nothing;
pub mod ex2_first_ok;
pub mod ex3_timeout;
pub mod ex4_bounded;
pub mod ex5_cancel_safe;
