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
//! is not measured, and [`explain`] says why in one line, naming the limit
//! Linux shows; the other side is still measured.

use std::fmt;
use std::io;
use std::process::{Command, ExitStatus};
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
/// An error is one line, from [`explain`].
fn measure_in_child(kind: Kind, n: usize) -> Result<Figures, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let out = Command::new(exe)
        .args([CHILD_FLAG, kind.name(), &n.to_string()])
        .output()
        .map_err(|e| format!("cannot start a child process: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let ended = Ended::of(out.status);
        return Err(explain(kind, n, ended, &stderr, &Limits::read()));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    Figures::parse(stdout.trim())
        .ok_or_else(|| format!("{}: unexpected output {:?}", kind.name(), stdout.trim()))
}

/// Set this variable to `threads` or `tasks` and that side's child stops
/// the way Rust's runtime stops a process that has hit
/// `vm.max_map_count` (a message, then an abort), so that tests can check
/// the report without starting 30,000 threads.
pub const FAIL_ENV: &str = "LESSON01_CHILD_FAILS";

/// Called by a child before it measures `kind`: aborts if [`FAIL_ENV`]
/// asks for it.
pub fn fail_if_asked(kind: Kind) {
    if std::env::var(FAIL_ENV).is_ok_and(|v| v == kind.name()) {
        // The very words of the abort seen at `cost 30000` (Rust 1.95).
        eprintln!("fatal runtime error: failed to set up alternative stack guard page, aborting");
        std::process::abort();
    }
}

/// How a child process that did not succeed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It exited with this code, having said why on its stderr.
    Code(i32),
    /// A signal ended it (Unix only): 6 (`SIGABRT`) is how Rust's runtime
    /// stops on a fatal error, 9 (`SIGKILL`) how Linux's out-of-memory
    /// killer ends a process.
    Signal(i32),
    /// Neither is known.
    Unknown,
}

impl Ended {
    pub fn of(status: ExitStatus) -> Ended {
        match (status.code(), signal_of(status)) {
            (Some(code), _) => Ended::Code(code),
            (None, Some(signal)) => Ended::Signal(signal),
            (None, None) => Ended::Unknown,
        }
    }
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

/// Only Unix ends processes with signals.
#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

/// The limits Linux puts on how many threads can start, read when a side
/// failed; `None` where unknown (other systems, or not readable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    /// `vm.max_map_count`: memory mappings one process may have.
    pub max_map_count: Option<u64>,
    /// `ulimit -u` (the soft `RLIMIT_NPROC`): processes and threads of one
    /// user, all of that user's processes together.
    pub max_user_processes: Option<u64>,
    /// `kernel.threads-max`: threads on the whole machine.
    pub threads_max: Option<u64>,
    /// `kernel.pid_max`: every thread takes an id below it, machine-wide.
    pub pid_max: Option<u64>,
    /// `pids.max` of this process's cgroup (a container's limit), if set.
    pub cgroup_pids_max: Option<u64>,
}

impl Limits {
    #[cfg(target_os = "linux")]
    pub fn read() -> Limits {
        let number = |path: &str| {
            std::fs::read_to_string(path)
                .ok()
                .and_then(|s| s.trim().parse().ok())
        };
        // "Max processes   96365   96365   processes": the soft limit.
        let nproc = std::fs::read_to_string("/proc/self/limits")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("Max processes"))?;
                line.split_whitespace().nth(2)?.parse().ok()
            });
        Limits {
            max_map_count: number("/proc/sys/vm/max_map_count"),
            max_user_processes: nproc,
            threads_max: number("/proc/sys/kernel/threads-max"),
            pid_max: number("/proc/sys/kernel/pid_max"),
            // "max" when unlimited, which parses as nothing: no limit.
            cgroup_pids_max: number("/sys/fs/cgroup/pids.max"),
        }
    }

    /// Other systems do not show these limits in files: all unknown.
    #[cfg(not(target_os = "linux"))]
    pub fn read() -> Limits {
        Limits::default()
    }
}

/// Memory mappings each waiting thread adds: its stack and the stack's
/// guard page, and the signal stack Rust's runtime gives every thread and
/// its guard page. Counted, not assumed: `/proc/PID/maps` of
/// `lesson01 __measure threads 5000` had 20,065 lines (Linux 6.18, Rust
/// 1.95.0).
pub const MAPS_PER_THREAD: u64 = 4;

/// The one line saying why `kind` was not measured for `n`: what ended the
/// child (`ended`, and its `stderr`), then the limit in `limits` that most
/// likely did it, then what to try.
pub fn explain(kind: Kind, n: usize, ended: Ended, stderr: &str, limits: &Limits) -> String {
    let n64 = n as u64;
    // The child's own last words: Rust's runtime's fatal error, or the
    // one line our child prints (without its "lesson01: ").
    let said = stderr
        .lines()
        .find_map(|l| l.split_once("fatal runtime error: ").map(|(_, m)| m))
        .map(|m| {
            format!(
                "Rust's runtime stopped it ({})",
                m.trim_end_matches(", aborting")
            )
        })
        .or_else(|| {
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty())?;
            Some(last.trim().trim_start_matches("lesson01: ").to_string())
        });
    let how = match ended {
        Ended::Code(code) => format!("it exited with code {code}"),
        Ended::Signal(6) => "killed by signal 6, SIGABRT".to_string(),
        Ended::Signal(9) => "killed by signal 9, SIGKILL".to_string(),
        Ended::Signal(s) => format!("killed by signal {s}"),
        Ended::Unknown => "it failed".to_string(),
    };
    let what = match said {
        Some(said) if matches!(ended, Ended::Code(_)) => said,
        Some(said) => format!("{said}, {how}"),
        None => how,
    };
    let limit = if ended == Ended::Signal(9) {
        "memory (Linux's out-of-memory killer ends a process with SIGKILL)".to_string()
    } else if kind == Kind::Tasks {
        "memory (tasks need no threads, only memory)".to_string()
    } else {
        thread_limit(n64, limits)
    };
    format!(
        "{} not measured: {what}; likely limit: {limit}; try a smaller N",
        kind.name()
    )
}

/// Which of `limits` `n` threads run into, most likely first.
fn thread_limit(n: u64, limits: &Limits) -> String {
    let mut reached = Vec::new();
    if let Some(m) = limits.max_map_count.filter(|&m| n * MAPS_PER_THREAD >= m) {
        reached.push(format!(
            "vm.max_map_count = {m} memory mappings per process, about {MAPS_PER_THREAD} per thread, \
             so under {} threads",
            m / MAPS_PER_THREAD
        ));
    }
    let per_count = [
        (
            limits.max_user_processes,
            "ulimit -u",
            "threads of all your processes",
        ),
        (
            limits.cgroup_pids_max,
            "the cgroup's pids.max",
            "threads in this container",
        ),
        (
            limits.threads_max,
            "kernel.threads-max",
            "threads on the machine",
        ),
        (
            limits.pid_max,
            "kernel.pid_max",
            "thread ids on the machine",
        ),
    ];
    for (value, name, what) in per_count {
        if let Some(v) = value.filter(|&v| n >= v) {
            reached.push(format!("{name} = {v} {what}"));
        }
    }
    if !reached.is_empty() {
        return reached.join(", or ");
    }
    match limits.pid_max {
        // Below every limit: the machine-wide ones are shared with every
        // other process, and memory may run out first.
        Some(pid_max) => format!(
            "memory, or thread ids shared with every other process (kernel.pid_max = {pid_max})"
        ),
        None => "the system's limit on threads per user or process (see ulimit -u), or memory"
            .to_string(),
    }
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
    let mut failed = Vec::new();
    for kind in [Kind::Threads, Kind::Tasks] {
        let label = match kind {
            Kind::Threads => "OS threads",
            Kind::Tasks => "tokio tasks",
        };
        // A side that fails is reported, and the other side still runs.
        let f = match measure_in_child(kind, n) {
            Ok(f) => f,
            Err(why) => {
                println!("  {label:<12} not measured (why: the error below)");
                failed.push(why);
                continue;
            }
        };
        let per = |kib: Option<u64>| kib.map(|k| k as f64 * 1024.0 / n as f64);
        println!(
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
        println!("  (memory is measured on Linux only)");
    }
    if failed.is_empty() {
        Ok(all)
    } else {
        Err(failed.join("; and "))
    }
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

    /// The limits of the machine where `cost 30000` aborted (issue 13).
    fn that_machine() -> Limits {
        Limits {
            max_map_count: Some(65530),
            max_user_processes: Some(96365),
            threads_max: Some(192730),
            pid_max: Some(4194304),
            cgroup_pids_max: None,
        }
    }

    /// The abort at 30,000 threads becomes one line naming
    /// `vm.max_map_count` and its value, not the runtime's raw message.
    #[test]
    fn an_abort_past_the_map_count_names_vm_max_map_count() {
        let stderr =
            "fatal runtime error: failed to set up alternative stack guard page, aborting\n";
        let line = explain(
            Kind::Threads,
            30000,
            Ended::Signal(6),
            stderr,
            &that_machine(),
        );
        assert!(!line.contains('\n'), "one line: {line}");
        assert!(line.starts_with("threads not measured: "), "{line}");
        assert!(line.contains("vm.max_map_count = 65530"), "{line}");
        assert!(line.contains("SIGABRT"), "{line}");
        assert!(
            line.contains("failed to set up alternative stack guard page"),
            "{line}"
        );
        assert!(
            !line.contains("ulimit"),
            "ulimit -u was not reached: {line}"
        );
    }

    /// A refusal (the child's own error line) under a low `ulimit -u`
    /// names that limit.
    #[test]
    fn a_refusal_under_a_low_ulimit_names_ulimit_u() {
        let limits = Limits {
            max_user_processes: Some(500),
            ..that_machine()
        };
        let stderr = "lesson01: the system refused thread number 490: Resource temporarily unavailable (os error 11)\n";
        let line = explain(Kind::Threads, 1000, Ended::Code(2), stderr, &limits);
        assert!(line.contains("refused thread number 490"), "{line}");
        assert!(!line.contains("lesson01: "), "{line}");
        assert!(line.contains("ulimit -u = 500"), "{line}");
        assert!(
            !line.contains("max_map_count"),
            "4000 mappings is far below it: {line}"
        );
    }

    /// Killed by SIGKILL is the out-of-memory killer's mark: memory; and
    /// with no limit known (not Linux) the line still names where to look.
    #[test]
    fn sigkill_names_memory_and_unknown_limits_name_ulimit() {
        let line = explain(Kind::Threads, 10, Ended::Signal(9), "", &that_machine());
        assert!(
            line.contains("memory") && line.contains("SIGKILL"),
            "{line}"
        );
        let line = explain(Kind::Threads, 10, Ended::Code(2), "", &Limits::default());
        assert!(
            line.contains("exited with code 2") && line.contains("ulimit -u"),
            "{line}"
        );
    }
}
