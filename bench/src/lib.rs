//! The course's benchmark: the seed's programs in today's Python against
//! the course's Rust, measured side by side on one machine.
//!
//! `cargo bench-course` (an alias of `cargo run --release -p bench --`)
//! measures hello with 10,000 / 100,000 / 1,000,000 tasks (modern asyncio
//! against lesson 02 on its own executor and on tokio's two runtimes) and
//! the seed's HTTP server (modern aiohttp against lesson 04) under wrk, and
//! writes bench/results/results.json, results.md and chart.svg, which the
//! book's "Measured" page shows. `--quick` is the CI-sized run; it writes to
//! target/bench-quick/ and leaves the published figures alone.

pub mod chart;
pub mod child;
pub mod hello;
pub mod machine;
pub mod report;
pub mod server;
pub mod setup;
pub mod stats;
pub mod wrk;
