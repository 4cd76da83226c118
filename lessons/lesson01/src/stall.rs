//! One thread cannot do two things at once: a CPU-bound job stalls every
//! other task on it.
//!
//! The note (passage P2) says coroutines run on one thread, so they cannot
//! use several cores, and CPU-bound work needs more. Here a ticker task
//! should tick every [`TICK`]; while a CPU-bound job runs for [`JOB`], we
//! record the longest gap between two ticks. On a current-thread runtime the
//! job holds the only thread and the ticker stops; moved to
//! `spawn_blocking`, or onto a multi-thread runtime, it does not.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the ticker wants to run.
pub const TICK: Duration = Duration::from_millis(50);
/// How long the CPU-bound job keeps a core busy.
pub const JOB: Duration = Duration::from_millis(500);

/// Where the CPU-bound job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    /// A task on tokio's current-thread runtime, next to the ticker.
    CurrentThread,
    /// The same runtime, but the job handed to `spawn_blocking`'s threads.
    SpawnBlocking,
    /// A task on tokio's multi-thread runtime with two worker threads.
    MultiThread,
}

impl Setup {
    pub const ALL: [Setup; 3] = [
        Setup::CurrentThread,
        Setup::SpawnBlocking,
        Setup::MultiThread,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Setup::CurrentThread => "current-thread runtime, job as a task",
            Setup::SpawnBlocking => "current-thread runtime, job on spawn_blocking",
            Setup::MultiThread => "multi-thread runtime (2 workers), job as a task",
        }
    }
}

// ANCHOR: burn
/// Keeps one core busy for `how_long`, never once giving the thread back:
/// there is no `.await` in here, so no other task can run on this thread.
pub fn burn_cpu(how_long: Duration) -> u64 {
    let start = Instant::now();
    let mut x: u64 = 1;
    while start.elapsed() < how_long {
        x = black_box(
            x.wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407),
        );
    }
    x
}
// ANCHOR_END: burn

// ANCHOR: stall
/// Runs a ticker next to a CPU-bound job and returns the longest gap
/// between two of its ticks.
pub fn worst_tick_gap(setup: Setup, job: Duration) -> Duration {
    let runtime = match setup {
        Setup::CurrentThread | Setup::SpawnBlocking => {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
        }
        Setup::MultiThread => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build(),
    }
    .expect("could not start a tokio runtime");

    runtime.block_on(async move {
        let stop = Arc::new(AtomicBool::new(false));
        let ticker = tokio::spawn({
            let stop = stop.clone();
            async move {
                let mut worst = Duration::ZERO;
                let mut last = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    tokio::time::sleep(TICK).await;
                    worst = worst.max(last.elapsed());
                    last = Instant::now();
                }
                worst
            }
        });
        tokio::time::sleep(2 * TICK).await; // let the ticker settle in
        match setup {
            Setup::CurrentThread | Setup::MultiThread => {
                tokio::spawn(async move { burn_cpu(job) })
                    .await
                    .expect("job panicked");
            }
            Setup::SpawnBlocking => {
                tokio::task::spawn_blocking(move || burn_cpu(job))
                    .await
                    .expect("job panicked");
            }
        }
        tokio::time::sleep(2 * TICK).await;
        stop.store(true, Ordering::Relaxed);
        ticker.await.expect("ticker panicked")
    })
}
// ANCHOR_END: stall

/// Runs all three setups and prints the ticker's worst gap for each.
pub fn show() -> Vec<(Setup, Duration)> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    lessonkit::say!(
        "A ticker that should run every {} ms, next to a CPU-bound job of {} ms ({cores} cores here):",
        TICK.as_millis(),
        JOB.as_millis()
    );
    Setup::ALL
        .into_iter()
        .map(|setup| {
            let gap = worst_tick_gap(setup, JOB);
            let verdict = if gap >= JOB {
                "  <- the ticker stalled"
            } else {
                ""
            };
            lessonkit::say!(
                "  {:<50} worst gap between ticks: {:>4} ms{verdict}",
                setup.describe(),
                gap.as_millis()
            );
            (setup, gap)
        })
        .collect()
}
