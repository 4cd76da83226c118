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

use std::fmt;
use std::io;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

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
    fn name(self) -> &'static str {
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

impl fmt::Display for Figures {
    /// The one-line form a child process prints and its parent parses.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let opt = |v: Option<u64>| v.map_or("-".to_string(), |v| v.to_string());
        write!(
            f,
            "{} {} {} {} {} {}",
            self.kind.name(),
            self.n,
            self.start_all.as_nanos(),
            self.total.as_nanos(),
            opt(self.rss_kib),
            opt(self.virt_kib)
        )
    }
}

impl Figures {
    /// Parses the line [`Figures`]' `Display` writes.
    pub fn parse(line: &str) -> Option<Figures> {
        let f: Vec<&str> = line.split_whitespace().collect();
        let [kind, n, start, total, rss, virt] = f.as_slice() else {
            return None;
        };
        let nanos = |s: &str| s.parse::<u64>().ok().map(Duration::from_nanos);
        let kib = |s: &str| {
            if s == "-" {
                Some(None)
            } else {
                s.parse().ok().map(Some)
            }
        };
        Some(Figures {
            kind: Kind::parse(kind)?,
            n: n.parse().ok()?,
            start_all: nanos(start)?,
            total: nanos(total)?,
            rss_kib: kib(rss)?,
            virt_kib: kib(virt)?,
        })
    }
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

/// This process's memory, from `/proc/self/status` (Linux only).
#[derive(Debug, Clone, Copy)]
struct Memory {
    rss_kib: Option<u64>,
    virt_kib: Option<u64>,
}

impl Memory {
    #[cfg(target_os = "linux")]
    fn now() -> Memory {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Memory {
            rss_kib: field("VmRSS:"),
            virt_kib: field("VmSize:"),
        }
    }

    /// Other systems have no `/proc`: the figures stay unknown, and
    /// [`compare`] says memory is measured on Linux only.
    #[cfg(not(target_os = "linux"))]
    fn now() -> Memory {
        Memory {
            rss_kib: None,
            virt_kib: None,
        }
    }
}

/// Measures one side in a fresh child process running this same program.
fn measure_in_child(kind: Kind, n: usize) -> Result<Figures, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let out = Command::new(exe)
        .args([CHILD_FLAG, kind.name(), &n.to_string()])
        .output()
        .map_err(|e| format!("cannot start a child process: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("{} failed: {}", kind.name(), err.trim()));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Figures::parse(stdout.trim())
        .ok_or_else(|| format!("{}: unexpected output {:?}", kind.name(), stdout.trim()))
}

/// Runs both sides, each in its own process, and prints them side by side.
pub fn compare(n: usize) -> Result<Vec<Figures>, String> {
    println!(
        "{n} OS threads against {n} tokio tasks on one thread, each waiting {} ms \
         (each side in a fresh process):",
        WAIT.as_millis()
    );
    println!(
        "  {:<12} {:>12} {:>10} {:>13} {:>10} {:>14} {:>10} {:>10}",
        "", "start all", "each", "memory (RSS)", "each", "address space", "each", "all done"
    );
    let mut all = Vec::new();
    for kind in [Kind::Threads, Kind::Tasks] {
        let f = measure_in_child(kind, n)?;
        let per = |kib: Option<u64>| kib.map(|k| k as f64 * 1024.0 / n as f64);
        println!(
            "  {:<12} {:>12} {:>10} {:>13} {:>10} {:>14} {:>10} {:>10}",
            match kind {
                Kind::Threads => "OS threads",
                Kind::Tasks => "tokio tasks",
            },
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
        println!("  (memory is measured on Linux only)");
    }
    Ok(all)
}

fn duration(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else if us < 1e6 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

fn bytes(b: Option<f64>) -> String {
    let Some(b) = b else {
        return "unknown".to_string();
    };
    if b < 1024.0 {
        format!("{b:.0} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} MiB", b / 1024.0 / 1024.0)
    } else {
        format!("{:.1} GiB", b / 1024.0 / 1024.0 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line a child prints comes back unchanged through `parse`.
    #[test]
    fn figures_line_round_trips() {
        let f = Figures {
            kind: Kind::Tasks,
            n: 3,
            start_all: Duration::from_nanos(1234),
            total: Duration::from_millis(501),
            rss_kib: Some(12),
            virt_kib: None,
        };
        assert_eq!(Figures::parse(&f.to_string()), Some(f));
    }

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
