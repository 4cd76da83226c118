//! Lesson 05: beyond the note.
//!
//! The note this course grew from ends where most async learners start to
//! get hurt. It says (passage P2) that coroutines share one thread, so
//! CPU-bound work needs processes beside them. This lesson measures what
//! Rust offers instead (a multi-thread runtime, a pool of threads) and
//! shows, each with code that runs, the traps that catch everyone who moves
//! from asyncio to tokio.
//!
//! # Layout
//! - [`cores`]: one CPU-bound job three ways, measured, with a ticker that
//!   shows whether the runtime stays responsive; [`pool`]: the thread pool
//!   it uses; [`cores_report`]: the table of medians the program prints.
//! - [`blocking`]: blocking the executor, and the fix; [`ticks`]: beside
//!   it, why a zero sleep is not free and `yield_now` is.
//! - [`locks`]: `std::sync::Mutex` against `tokio::sync::Mutex`, and a guard
//!   held across `.await`.
//! - [`spawning`]: why `tokio::spawn` wants `'static + Send`, and the ways
//!   out.
//! - [`cancel`]: `select!` and cancellation safety.
//! - [`bridge`]: async from sync and back.
//! - `ex1_wait_without_blocking` to `ex5_async_from_sync`: the exercises,
//!   one trap each. These are the only files you edit; `tests/exercises.rs`
//!   grades them.
//!
//! `cargo run -p lesson05` runs the lesson's program (in a release build,
//! `cargo run --release -p lesson05 -- cores`, for figures worth quoting);
//! `cargo test -p lesson05` grades the exercises.

// While an exercise still holds its `todo!()`, the names its task gives you
// are unused; these allowances keep that from burying real warnings in noise.
// The solution crate has none of them.
#![allow(unused_imports, unused_variables, unused_mut, dead_code)]

pub mod blocking;
pub mod bridge;
pub mod cancel;
pub mod cores;
pub mod cores_report;
pub mod locks;
pub mod pool;
pub mod spawning;
pub mod ticks;

pub mod ex1_wait_without_blocking;
pub mod ex2_cpu_on_pool;
pub mod ex3_short_lock;
pub mod ex4_abort_the_rest;
pub mod ex5_async_from_sync;
