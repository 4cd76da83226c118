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
//!
//! Measuring is Linux only: the programs run in process groups, their peak
//! memory comes from `getrusage` (whose units differ on macOS) and the
//! machine's description from `/proc`, and the load comes from wrk. On other
//! systems the crate builds (so `cargo check --workspace` and editors work)
//! with the modules that read and draw results; `bench --render DIR` works
//! there, and a measuring run says it is Linux only.

pub mod chart;
#[cfg(target_os = "linux")]
pub mod hello;
pub mod machine;
pub mod report;
#[cfg(target_os = "linux")]
pub mod runner;
#[cfg(target_os = "linux")]
pub mod server;
pub mod setup;
pub mod stats;
pub mod targets;
pub mod wrk;
