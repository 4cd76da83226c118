//! Passage P2 revisited: one CPU-bound job, three ways, measured.
//!
//! The note says coroutines all run on one thread, so they cannot use more
//! than one core, and CPU-bound work needs processes next to them. Here the
//! same job (a fixed amount of arithmetic, cut into [`CHUNKS`] pieces) runs
//!
//! 1. as tasks on tokio's current-thread runtime: one thread, as in asyncio;
//! 2. as tasks on tokio's multi-thread runtime, one worker per core;
//! 3. on a [`Pool`] of one thread per core, each piece's answer coming back
//!    through a `tokio::sync::oneshot` channel to a current-thread runtime.
//!
//! All the while a ticker task on the same runtime wants to run every
//! [`TICK`]; how late its worst tick was says whether the runtime stayed
//! responsive. Lesson 01's `stall` showed a ticker stopping; this one
//! counts throughput across cores as well, and how many threads did the work.
//! The table `cargo run -p lesson05 -- cores` prints is `cores_report`'s.

use std::collections::HashSet;
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio::time::MissedTickBehavior;

use crate::pool::Pool;

/// How often the ticker wants to run.
pub const TICK: Duration = Duration::from_millis(5);
/// How many pieces the job is cut into.
pub const CHUNKS: usize = 8;
/// Roughly how long one piece takes on one core, after calibration.
pub const CHUNK_TIME: Duration = Duration::from_millis(60);

/// Where the job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setup {
    CurrentThread,
    MultiThread,
    Pool,
}

impl Setup {
    pub const ALL: [Setup; 3] = [Setup::CurrentThread, Setup::MultiThread, Setup::Pool];

    pub fn describe(self, cores: usize) -> String {
        match self {
            Setup::CurrentThread => "current-thread runtime, pieces as tasks".into(),
            Setup::MultiThread => {
                format!("multi-thread runtime ({cores} workers), pieces as tasks")
            }
            Setup::Pool => format!("current-thread runtime + pool of {cores} threads (oneshot)"),
        }
    }
}

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    pub setup: Setup,
    /// From handing out the first piece to having every answer back.
    pub wall: Duration,
    /// How late the ticker's most delayed tick came, against when it was due.
    pub worst_tick_delay: Duration,
    /// How many ticks the ticker managed while it ran.
    pub ticks: u32,
    /// How many different threads ran the pieces.
    pub threads_used: usize,
    /// The process's CPU time during the job divided by the job's wall
    /// time: how many cores were busy for us on average (Linux only).
    pub cores_busy: Option<f64>,
    /// The job's answer, the same for every setup.
    pub checksum: u64,
}

// ANCHOR: crunch
/// One piece of the CPU-bound job: `rounds` steps of a xorshift generator.
/// No `.await` anywhere, so whatever thread runs it is busy until it ends.
pub fn crunch(seed: u64, rounds: u64) -> u64 {
    let mut x = seed | 1;
    for _ in 0..rounds {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x = black_box(x);
    }
    x
}
// ANCHOR_END: crunch

/// How many rounds of [`crunch`] take about `target` on one core of this
/// machine, in this build (a debug build is much slower than a release one).
pub fn calibrate(target: Duration) -> u64 {
    let mut rounds = 10_000u64;
    loop {
        let start = Instant::now();
        crunch(7, rounds);
        let took = start.elapsed();
        if took >= Duration::from_millis(20) {
            let per_second = rounds as f64 / took.as_secs_f64();
            return ((per_second * target.as_secs_f64()) as u64).max(1);
        }
        rounds *= 2;
    }
}

/// The number of cores the operating system lets this process use.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

// ANCHOR: ticker
/// A task that wants to run every [`TICK`] until `stop` is set; gives back
/// its worst lateness and its number of ticks.
async fn ticker(stop: Arc<AtomicBool>) -> (Duration, u32) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut worst = Duration::ZERO;
    let mut ticks = 0;
    while !stop.load(Ordering::Relaxed) {
        let due = interval.tick().await; // when this tick should have come
        worst = worst.max(due.elapsed()); // how late it really came
        ticks += 1;
    }
    (worst, ticks)
}
// ANCHOR_END: ticker

/// Runs the job (`CHUNKS` pieces of `rounds` each) the way `setup` says,
/// with `cores` threads where a setup has a choice.
pub fn measure(setup: Setup, rounds: u64, cores: usize) -> Figures {
    let runtime = match setup {
        Setup::CurrentThread | Setup::Pool => tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build(),
        Setup::MultiThread => tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores)
            .enable_time()
            .build(),
    }
    .expect("could not start a tokio runtime");
    let pool = (setup == Setup::Pool).then(|| Pool::new(cores, "lesson05-pool"));

    runtime.block_on(async move {
        let stop = Arc::new(AtomicBool::new(false));
        let ticking = tokio::spawn(ticker(Arc::clone(&stop)));
        tokio::time::sleep(4 * TICK).await; // let the ticker settle in

        let cpu_before = lessonkit::cpu_time();
        let start = Instant::now();
        let pieces = match &pool {
            None => on_tasks(rounds).await,
            Some(pool) => on_pool(pool, rounds).await,
        };
        let wall = start.elapsed();
        let cores_busy = match (cpu_before, lessonkit::cpu_time()) {
            (Some(before), Some(after)) => {
                Some((after.saturating_sub(before)).as_secs_f64() / wall.as_secs_f64())
            }
            _ => None,
        };

        tokio::time::sleep(4 * TICK).await;
        stop.store(true, Ordering::Relaxed);
        let (worst_tick_delay, ticks) = ticking.await.expect("the ticker panicked");
        let threads: HashSet<ThreadId> = pieces.iter().map(|&(_, thread)| thread).collect();
        Figures {
            setup,
            wall,
            worst_tick_delay,
            ticks,
            threads_used: threads.len(),
            cores_busy,
            checksum: pieces.iter().fold(0, |sum, &(x, _)| sum ^ x),
        }
    })
}

// ANCHOR: on_tasks
/// Every piece as a task on the current runtime, whichever kind it is.
async fn on_tasks(rounds: u64) -> Vec<(u64, ThreadId)> {
    let mut tasks = JoinSet::new();
    for seed in 0..CHUNKS as u64 {
        tasks.spawn(async move { (crunch(seed, rounds), std::thread::current().id()) });
    }
    tasks.join_all().await
}
// ANCHOR_END: on_tasks

// ANCHOR: on_pool
/// Every piece on the pool's threads; each answer comes back through a
/// oneshot channel, which the runtime's thread awaits without blocking.
async fn on_pool(pool: &Pool, rounds: u64) -> Vec<(u64, ThreadId)> {
    let mut answers = Vec::new();
    for seed in 0..CHUNKS as u64 {
        let (tx, rx) = oneshot::channel();
        // Waits here, without blocking, while the pool's queue is full.
        pool.execute(move || {
            let _ = tx.send((crunch(seed, rounds), std::thread::current().id()));
        })
        .await;
        answers.push(rx);
    }
    let mut pieces = Vec::new();
    for rx in answers {
        pieces.push(rx.await.expect("a piece of the job panicked"));
    }
    pieces
}
// ANCHOR_END: on_pool

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces give the same answer as tasks on one thread, as tasks on
    /// two workers and on a pool of two threads; one thread, or at most two.
    #[test]
    fn three_ways_agree() {
        let one = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let two = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let pool = Pool::new(2, "test-pool");
        let threads = |pieces: &[(u64, ThreadId)]| {
            let set: HashSet<ThreadId> = pieces.iter().map(|p| p.1).collect();
            set.len()
        };
        let checksum = |pieces: &[(u64, ThreadId)]| pieces.iter().fold(0, |s, p| s ^ p.0);
        let a = one.block_on(on_tasks(1000));
        let b = two.block_on(on_tasks(1000));
        let c = one.block_on(on_pool(&pool, 1000));
        assert_eq!(a.len(), CHUNKS);
        assert_eq!(threads(&a), 1, "a current-thread runtime has one thread");
        assert!((1..=2).contains(&threads(&b)));
        assert!((1..=2).contains(&threads(&c)));
        assert_ne!(
            c[0].1,
            std::thread::current().id(),
            "the pool ran a piece on the runtime's thread"
        );
        assert_eq!(checksum(&a), checksum(&c));
        assert_eq!(checksum(&a), checksum(&b));
    }

    /// The answer does not depend on how the pieces are grouped.
    #[test]
    fn crunch_is_deterministic() {
        assert_eq!(crunch(3, 1000), crunch(3, 1000));
        assert_ne!(crunch(3, 1000), crunch(4, 1000));
    }
}
