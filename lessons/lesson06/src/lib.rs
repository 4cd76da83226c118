//! Lesson 06: messages between tasks.
//!
//! The note calls asyncio's model a message loop (passage P4). This lesson
//! is about the messages tasks send each other: queues (`asyncio.Queue`,
//! `tokio::sync::mpsc`), one-off answers (`asyncio.Future`, `oneshot`),
//! pub/sub and events (`broadcast`, `watch`, `Notify`), async iteration
//! (`async for`, `futures::Stream`), and lines framed out of a byte stream
//! (`StreamReader.readline`, `tokio_util::codec`).
//!
//! # Layout
//! - [`queues`]: bounded and unbounded queues, back-pressure, closing by
//!   dropping the senders, memory over time, messages per second.
//! - [`actor`]: `oneshot`, and a task that owns its state and answers
//!   requests, instead of a shared lock.
//! - [`pubsub`]: `broadcast` and `Lagged`, `watch`, `Notify` and
//!   `asyncio.Event`.
//! - [`streams`]: `Stream` by `unfold` and by hand, `StreamExt`'s adapters,
//!   `FuturesUnordered` as `asyncio.as_completed`.
//! - [`framing`]: `LinesCodec` with a maximum length.
//! - [`pipeline`]: URLs → N fetchers → writer over bounded queues;
//!   [`servers`]: the stand-in site it fetches from.
//! - `ex1_bounded_producer` to `ex6_framed_reader`: the exercises, one idea
//!   each. These are the only files you edit; `tests/exercises.rs` grades
//!   them.
//!
//! `cargo run -p lesson06` runs the lesson's program (in a release build,
//! `cargo run --release -p lesson06 -- speed`, for figures worth quoting);
//! `cargo test -p lesson06` grades the exercises.

// While an exercise still holds its `todo!()`, the names its task gives you
// are unused; these allowances keep that from burying real warnings in noise.
// The solution crate has none of them.
#![allow(unused_imports, unused_variables, unused_mut, dead_code)]

pub mod actor;
pub mod framing;
pub mod pipeline;
pub mod pubsub;
pub mod queues;
pub mod servers;
pub mod streams;

pub mod ex1_bounded_producer;
pub mod ex2_fan_in;
pub mod ex3_actor;
pub mod ex4_lagged;
pub mod ex5_hand_stream;
pub mod ex6_framed_reader;
