//! What a thread costs against what a task costs, measured on this machine.
//!
//! The note (passage P1) says threads and processes can serve many
//! connections but that switching them is costly, and that coroutines on one
//! thread are the better answer. This module puts numbers on that: it starts
//! N OS threads, or N tokio tasks on one thread, each waiting
//! [`WAIT`] as if for IO, and measures how long starting them all took and how
//! much memory they hold while they wait.
//!
//! Each side runs in a fresh copy of this program (a child process), so one
//! side's memory cannot be counted against the other. Memory is read from
//! Linux's `/proc/self/status`; on other systems it is reported as unknown
//! rather than guessed.
//!
//! A side the machine cannot run (too many threads for one of its limits)
//! is not measured, and [`crate::child::explain`] says why in one line,
//! naming the limit Linux shows; the other side is still measured.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use lessonkit::{bytes, duration, memory, say};

use crate::child;

/// How long every thread or task waits, standing in for a slow IO call.
pub const WAIT: Duration = Duration::from_millis(500);

/// The argument that makes this program measure one side and print a
/// [`Figures`] line, instead of running the lesson.
pub const CHILD_FLAG: &str = "__measure";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Threads,
    Tasks,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Threads => "threads",
            Kind::Tasks => "tasks",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Threads, Kind::Tasks]
            .into_iter()
            .find(|k| k.name() == s)
    }
}

/// One side's measurements.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub kind: Kind,
    pub n: usize,
    /// From the first spawn until every thread or task is running.
    pub start_all: Duration,
    /// From the first spawn until the last one finished.
    pub total: Duration,
    /// Growth of resident memory (RSS) while all of them wait, in KiB.
    pub rss_kib: Option<u64>,
    /// Growth of reserved address space (VmSize) while all of them wait, in KiB.
    pub virt_kib: Option<u64>,
}

// ANCHOR: threads
/// Starts `n` OS threads that each wait for `wait` (the program uses
/// [`WAIT`]), the way a thread-per-connection server waits on its socket.
pub fn measure_threads(n: usize, wait: Duration) -> io::Result<Figures> {
    let before = Memory::now();
    let running = Arc::new(AtomicUsize::new(0));
    let clock = Instant::now();
    let mut handles = Vec::with_capacity(n);
    for _ in 0..n {
        let running = running.clone();
        let spawned = thread::Builder::new().spawn(move || {
            running.fetch_add(1, Ordering::SeqCst);
            thread::sleep(wait); // a blocking wait: this thread can do nothing else
        });
        match spawned {
            Ok(handle) => handles.push(handle),
            Err(e) => {
                let started = handles.len();
                handles
                    .into_iter()
                    .for_each(|h| h.join().expect("a waiting thread panicked"));
                return Err(io::Error::new(
                    e.kind(),
                    format!("the system refused thread number {}: {e}", started + 1),
                ));
            }
        }
    }
    while running.load(Ordering::SeqCst) < n {
        thread::sleep(Duration::from_micros(100));
    }
    let start_all = clock.elapsed();
    let during = Memory::now();
    for handle in handles {
        handle.join().expect("a waiting thread panicked");
    }
    Ok(Figures::new(
        Kind::Threads,
        n,
        start_all,
        clock.elapsed(),
        before,
        during,
    ))
}
// ANCHOR_END: threads

// ANCHOR: tasks
/// Starts `n` tokio tasks on one thread that each wait for `wait`: the
/// note's "one thread running coroutines".
pub fn measure_tasks(n: usize, wait: Duration) -> io::Result<Figures> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    let before = Memory::now();
    runtime.block_on(async {
        let running = Arc::new(AtomicUsize::new(0));
        let clock = Instant::now();
        let mut handles = Vec::with_capacity(n);
        for _ in 0..n {
            let running = running.clone();
            handles.push(tokio::spawn(async move {
                running.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(wait).await; // gives the thread back while it waits
            }));
        }
        // Spawned tasks run only when this one lets go of the thread.
        while running.load(Ordering::SeqCst) < n {
            tokio::task::yield_now().await;
        }
        let start_all = clock.elapsed();
        let during = Memory::now();
        for handle in handles {
            handle.await.expect("a waiting task panicked");
        }
        Ok(Figures::new(
            Kind::Tasks,
            n,
            start_all,
            clock.elapsed(),
            before,
            during,
        ))
    })
}
// ANCHOR_END: tasks

impl Figures {
    fn new(
        kind: Kind,
        n: usize,
        start_all: Duration,
        total: Duration,
        before: Memory,
        during: Memory,
    ) -> Self {
        let grew = |a: Option<u64>, b: Option<u64>| Some(b?.saturating_sub(a?));
        Figures {
            kind,
            n,
            start_all,
            total,
            rss_kib: grew(before.rss_kib, during.rss_kib),
            virt_kib: grew(before.virt_kib, during.virt_kib),
        }
    }
}

/// This process's memory now, from [`lessonkit::memory`]: Linux only,
/// unknown (and reported so) elsewhere.
#[derive(Debug, Clone, Copy)]
struct Memory {
    rss_kib: Option<u64>,
    virt_kib: Option<u64>,
}

impl Memory {
    fn now() -> Memory {
        Memory {
            rss_kib: memory::rss_kib(),
            virt_kib: memory::virtual_kib(),
        }
    }
}

/// Runs both sides, each in its own process, and prints them side by side.
pub fn compare(n: usize) -> Result<Vec<Figures>, String> {
    say!(
        "{n} OS threads against {n} tokio tasks on one thread, each waiting {} ms \
         (each side in a fresh process):",
        WAIT.as_millis()
    );
    say!(
        "  {:<12} {:>12} {:>10} {:>13} {:>10} {:>14} {:>10} {:>10}",
        "",
        "start all",
        "each",
        "memory (RSS)",
        "each",
        "address space",
        "each",
        "all done"
    );
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for kind in [Kind::Threads, Kind::Tasks] {
        let label = match kind {
            Kind::Threads => "OS threads",
            Kind::Tasks => "tokio tasks",
        };
        // A side that fails is reported, and the other side still runs.
        let f = match child::measure(kind, n) {
            Ok(f) => f,
            Err(why) => {
                say!("  {label:<12} not measured (why: the error below)");
                failed.push(why);
                continue;
            }
        };
        let per = |kib: Option<u64>| kib.map(|k| k as f64 * 1024.0 / n as f64);
        say!(
            "  {:<12} {:>12} {:>10} {:>13} {:>10} {:>14} {:>10} {:>10}",
            label,
            duration(f.start_all),
            duration(f.start_all / n.max(1) as u32),
            bytes(f.rss_kib.map(|k| k as f64 * 1024.0)),
            bytes(per(f.rss_kib)),
            bytes(f.virt_kib.map(|k| k as f64 * 1024.0)),
            bytes(per(f.virt_kib)),
            duration(f.total),
        );
        all.push(f);
    }
    if cfg!(not(target_os = "linux")) {
        say!("  (memory is measured on Linux only)");
    }
    if failed.is_empty() {
        Ok(all)
    } else {
        Err(failed.join("; and "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A handful of each really starts and finishes (waiting no time, so
    /// the test does not sleep).
    #[test]
    fn both_sides_measure_a_few() {
        let threads = measure_threads(4, Duration::ZERO).unwrap();
        let tasks = measure_tasks(4, Duration::ZERO).unwrap();
        for (f, kind) in [(threads, Kind::Threads), (tasks, Kind::Tasks)] {
            assert_eq!((f.kind, f.n), (kind, 4));
            assert!(f.start_all <= f.total, "{f:?}");
        }
    }
}
