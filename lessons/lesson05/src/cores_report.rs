//! The table `cargo run -p lesson05 -- cores` prints: the three setups of
//! [`crate::cores`], each run [`RUNS`] times, and their medians. What the
//! lesson needs but does not teach; the chapter shows `cores`, not this.

use std::time::Duration;

use lessonkit::say;

use crate::cores::{CHUNK_TIME, CHUNKS, Figures, Setup, TICK, calibrate, cores, measure};

/// How many times `show` runs each setup; it reports the median run, so
/// that one run disturbed by other work on the machine does not decide.
pub const RUNS: usize = 5;

/// The median of a setup's runs (by job time) and the median worst tick.
#[derive(Debug, Clone)]
pub struct Summary {
    pub setup: Setup,
    pub median_wall: Duration,
    /// The fastest run: the one least disturbed by whatever else ran.
    pub best_wall: Duration,
    pub median_worst_tick: Duration,
    pub max_worst_tick: Duration,
    pub threads_used: usize,
    /// The median of the runs' `cores_busy`.
    pub cores_busy: Option<f64>,
}

/// Calibrates, runs the three setups [`RUNS`] times each (taking turns, so
/// that a busy moment on the machine hits all three alike) and prints the
/// medians.
pub fn show() -> Vec<Summary> {
    let cores = cores();
    let rounds = calibrate(CHUNK_TIME);
    say!(
        "One CPU-bound job: {CHUNKS} pieces of about {} ms each on one core, while a ticker wants",
        CHUNK_TIME.as_millis()
    );
    say!(
        "to run every {} ms. This machine lets the process use {cores} core(s); each setup runs {RUNS} times.",
        TICK.as_millis()
    );
    let load_before = load_average();
    let mut runs: Vec<Vec<Figures>> = vec![Vec::new(); Setup::ALL.len()];
    for _ in 0..RUNS {
        for (i, setup) in Setup::ALL.into_iter().enumerate() {
            runs[i].push(measure(setup, rounds, cores));
        }
    }
    let checksum = runs[0][0].checksum;
    let same = runs.iter().flatten().all(|f| f.checksum == checksum);
    let summaries: Vec<Summary> = runs
        .iter()
        .map(|r| Summary {
            setup: r[0].setup,
            median_wall: median(r.iter().map(|f| f.wall)),
            best_wall: r.iter().map(|f| f.wall).min().unwrap_or_default(),
            median_worst_tick: median(r.iter().map(|f| f.worst_tick_delay)),
            max_worst_tick: r
                .iter()
                .map(|f| f.worst_tick_delay)
                .max()
                .unwrap_or_default(),
            threads_used: r.iter().map(|f| f.threads_used).max().unwrap_or(0),
            cores_busy: lessonkit::median(
                &r.iter().filter_map(|f| f.cores_busy).collect::<Vec<_>>(),
            ),
        })
        .collect();
    let base = summaries[0].median_wall.as_secs_f64();
    let best_base = summaries[0].best_wall.as_secs_f64();
    say!(
        "  {:<58} {:>14} {:>13} {:>17} {:>7} {:>5}",
        "setup",
        "job (best)",
        "ratio (best)",
        "worst tick (max)",
        "threads",
        "busy"
    );
    for s in &summaries {
        say!(
            "  {:<58} {:>5} ms ({:>3}) {:>5.2}x ({:.2}) {:>6.1} ms ({:>5.1}) {:>7} {:>5}",
            s.setup.describe(cores),
            s.median_wall.as_millis(),
            s.best_wall.as_millis(),
            s.median_wall.as_secs_f64() / base,
            s.best_wall.as_secs_f64() / best_base,
            s.median_worst_tick.as_secs_f64() * 1e3,
            s.max_worst_tick.as_secs_f64() * 1e3,
            s.threads_used,
            s.cores_busy.map_or("n/a".into(), |b| format!("{b:.2}")),
        );
    }
    say!(
        "  job: the median run's time from the first piece handed out to the last answer back,\n  \
         and the fastest run's. ratio: against the current-thread runtime's median (fastest).\n  \
         worst tick: how late the ticker's most delayed tick came, median of the runs (worst run).\n  \
         threads: how many threads ran pieces. busy: how many cores worked for this process\n  \
         during the job, on average (its CPU time over the job's time; median of the runs).\n  \
         Same answer every run: {same}.{linux_only}\n  \
         Load average (1 min) before: {load_before}, after: {}.",
        load_average(),
        linux_only = if cfg!(target_os = "linux") {
            ""
        } else {
            " (busy is measured on Linux only.)"
        },
    );
    summaries
}

/// The median of `values`, as [`lessonkit::median`] takes it.
fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let secs: Vec<f64> = values.map(|d| d.as_secs_f64()).collect();
    Duration::from_secs_f64(lessonkit::median(&secs).unwrap_or(0.0))
}

/// The load average over the last minute, or why it is unknown.
fn load_average() -> String {
    lessonkit::load_average().map_or("unknown (measured on Linux only)".into(), |l| {
        format!("{l:.2}")
    })
}
