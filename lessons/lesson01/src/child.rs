//! The plumbing of [`crate::cost`]: each side runs in a fresh child
//! process ([`measure`]), which prints its [`Figures`] as one line; and when
//! a side could not run, [`explain`] says why in one line: what ended the
//! child, and which of the machine's limits on threads it most likely ran
//! into (Linux shows them in files; elsewhere they are unknown). Not the
//! lesson's point, so not in the chapter; kept apart from it.

use std::fmt;
use std::time::Duration;

use lessonkit::Ended;

use crate::cost::{CHILD_FLAG, Figures, Kind};

/// Measures one side in a fresh child process running this same program.
/// An error is one line, from [`explain`].
pub fn measure(kind: Kind, n: usize) -> Result<Figures, String> {
    let out = lessonkit::run_self(&[CHILD_FLAG, kind.name(), &n.to_string()])?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let ended = lessonkit::Ended::of(out.status);
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
