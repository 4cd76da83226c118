//! Running the measured programs: wall time, peak memory, and clean-up.
//!
//! # Peak memory, measured correctly
//!
//! The peak resident set size (RSS) of a program that runs for a second is
//! hard to catch from outside: `/proc/PID/status` has it (`VmHWM`) only while
//! the process lives, and once it has exited (a zombie) the memory lines are
//! gone, so polling it misses whatever happened after the last poll. The
//! kernel keeps the exact figure for the parent instead: when a parent reaps
//! a child, the child's `ru_maxrss` joins the parent's `getrusage
//! (RUSAGE_CHILDREN)`, which holds the largest peak of all its reaped
//! children. So every measured program runs under a small wrapper, this same
//! binary started as `bench __child --report FILE -- PROGRAM ARGS...`: the
//! wrapper starts PROGRAM, waits for it, and writes PROGRAM's wall time and,
//! from `getrusage(RUSAGE_CHILDREN)`, its peak RSS (it has no other child,
//! so the figure is PROGRAM's alone), with the CPU time it used. This is
//! what GNU `time -f "%M %U %S"` does, without needing it installed.
//!
//! # Clean-up
//!
//! Each wrapper starts in a process group of its own (the program it runs
//! joins it), and every group still running is listed here. Ctrl-C, SIGTERM
//! or SIGHUP to the benchmark stops every listed group (SIGTERM, then
//! SIGKILL) before it exits; so does dropping a [`Running`]. The wrapper
//! itself ignores SIGINT and SIGTERM, so that when a server is stopped with a
//! signal to its group, the wrapper stays to reap it and report its peak.

use std::fs::File;
use std::io;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use nix::sys::resource::{Resource, UsageWho, getrlimit, getrusage, setrlimit};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

/// Process groups started and not yet reaped.
static LIVE: Mutex<Vec<i32>> = Mutex::new(Vec::new());

/// Set, under `LIVE`'s lock, once the benchmark is stopping: nothing new
/// starts after it.
static STOPPING: AtomicBool = AtomicBool::new(false);

fn live() -> std::sync::MutexGuard<'static, Vec<i32>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the wrapper learned about the program it ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildReport {
    /// From just before starting the program to just after reaping it.
    pub wall_s: f64,
    /// Peak resident set size, KiB (`ru_maxrss` on Linux).
    pub max_rss_kib: u64,
    /// CPU time it used, user and system, seconds.
    #[serde(default)]
    pub cpu_s: f64,
    pub code: Option<i32>,
    pub signal: Option<i32>,
}

impl ChildReport {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }
}

/// `bench __child --report FILE -- PROGRAM ARGS...`: runs PROGRAM, writes a
/// [`ChildReport`] as JSON to FILE, and exits with PROGRAM's status.
pub fn wrapper_main(args: &[String]) -> ExitCode {
    let (report, program) = match args {
        [flag, report, dashes, program @ ..]
            if flag == "--report" && dashes == "--" && !program.is_empty() =>
        {
            (PathBuf::from(report), program)
        }
        _ => {
            eprintln!("usage: bench __child --report FILE -- PROGRAM [ARGS...]");
            return ExitCode::from(2);
        }
    };
    // Installing a handler replaces the default action (terminate): the
    // wrapper outlives a SIGINT or SIGTERM sent to its group, and reaps.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bench __child: no runtime for signals: {e}");
            return ExitCode::from(2);
        }
    };
    let _signals = runtime.block_on(async {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    });
    let start = Instant::now();
    let status = match Command::new(&program[0]).args(&program[1..]).status() {
        Ok(status) => status,
        Err(e) => {
            eprintln!("bench __child: cannot start {}: {e}", program[0]);
            return ExitCode::from(127);
        }
    };
    let wall_s = start.elapsed().as_secs_f64();
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).ok();
    let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    let out = ChildReport {
        wall_s,
        max_rss_kib: usage.map_or(0, |u| u.max_rss().max(0) as u64),
        cpu_s: usage.map_or(0.0, |u| seconds(u.user_time()) + seconds(u.system_time())),
        code: status.code(),
        signal: status.signal(),
    };
    let json = serde_json::to_string(&out).expect("a report serializes");
    if let Err(e) = std::fs::write(&report, json) {
        eprintln!("bench __child: cannot write {}: {e}", report.display());
        return ExitCode::from(2);
    }
    ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8)
}

/// A program started under the wrapper, in its own process group.
#[derive(Debug)]
pub struct Running {
    child: Child,
    pgid: i32,
    report: PathBuf,
    stdout: PathBuf,
    stderr: PathBuf,
    reaped: Option<ExitStatus>,
}

/// Starts `program args` under the wrapper; its standard output and error go
/// to `LABEL.out` and `LABEL.err` in `logs`.
pub fn spawn(program: &Path, args: &[String], logs: &Path, label: &str) -> io::Result<Running> {
    std::fs::create_dir_all(logs)?;
    let report = logs.join(format!("{label}.report.json"));
    let stdout = logs.join(format!("{label}.out"));
    let stderr = logs.join(format!("{label}.err"));
    let _ = std::fs::remove_file(&report);
    let me = std::env::current_exe()?;
    let mut command = Command::new(me);
    command
        .arg("__child")
        .arg("--report")
        .arg(&report)
        .arg("--")
        .arg(program)
        .args(args)
        // The Python programs print in UTF-8 whatever the locale says (a
        // Chinese-locale system would otherwise use GBK); the Rust ones
        // ignore these.
        .env("PYTHONUTF8", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(File::create(&stdout)?)
        .stderr(File::create(&stderr)?)
        .process_group(0);
    // Hold the list while starting, so a Ctrl-C cannot slip in between the
    // start and the listing and miss the new group.
    let mut list = live();
    if STOPPING.load(Ordering::SeqCst) {
        return Err(io::Error::new(
            io::ErrorKind::Interrupted,
            "the benchmark is stopping",
        ));
    }
    let child = command.spawn()?;
    let pgid = child.id() as i32;
    list.push(pgid);
    drop(list);
    Ok(Running {
        child,
        pgid,
        report,
        stdout,
        stderr,
        reaped: None,
    })
}

impl Running {
    /// Waits at most `limit` for the wrapper to exit.
    pub fn wait_for(&mut self, limit: Duration) -> io::Result<Option<ExitStatus>> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.try_wait()? {
                return Ok(Some(status));
            }
            if Instant::now() >= deadline {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the wrapper has exited, reaping it if so.
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        if self.reaped.is_none()
            && let Some(status) = self.child.try_wait()?
        {
            self.reaped = Some(status);
            live().retain(|&g| g != self.pgid);
        }
        Ok(self.reaped)
    }

    /// Stops the program: SIGINT to its group (a graceful stop), SIGTERM
    /// after `grace`, SIGKILL after as long again. Returns whether it stopped
    /// before SIGKILL (only then is there a report).
    pub fn stop(&mut self, grace: Duration) -> io::Result<bool> {
        for signal in [Signal::SIGINT, Signal::SIGTERM] {
            if self.try_wait()?.is_some() {
                return Ok(true);
            }
            let _ = killpg(Pid::from_raw(self.pgid), signal);
            if self.wait_for(grace)?.is_some() {
                return Ok(true);
            }
        }
        self.kill();
        self.wait_for(Duration::from_secs(5))?;
        Ok(false)
    }

    /// SIGKILL to the whole group.
    pub fn kill(&mut self) {
        if self.reaped.is_none() {
            let _ = killpg(Pid::from_raw(self.pgid), Signal::SIGKILL);
        }
    }

    /// The wrapper's report, once it has exited.
    pub fn report(&self) -> Option<ChildReport> {
        let text = std::fs::read_to_string(&self.report).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn stdout(&self) -> String {
        std::fs::read_to_string(&self.stdout).unwrap_or_default()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }

    /// The last few lines of standard error, to explain a failure.
    pub fn stderr_tail(&self) -> String {
        let err = self.stderr();
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        lines[lines.len().saturating_sub(3)..].join(" / ")
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.try_wait(), Ok(None)) {
            self.kill();
            let _ = self.wait_for(Duration::from_secs(5));
        }
        live().retain(|&g| g != self.pgid);
    }
}

/// Whether Ctrl-C (or SIGTERM, SIGHUP) has stopped the benchmark.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::SeqCst)
}

/// Stops every group still listed, and lets no new one start: SIGTERM,
/// then SIGKILL after half a second.
pub fn stop_all() {
    let groups: Vec<i32> = {
        let list = live();
        STOPPING.store(true, Ordering::SeqCst);
        list.clone()
    };
    for &g in &groups {
        let _ = killpg(Pid::from_raw(g), Signal::SIGTERM);
    }
    if !groups.is_empty() {
        std::thread::sleep(Duration::from_millis(500));
        for &g in &groups {
            let _ = killpg(Pid::from_raw(g), Signal::SIGKILL);
        }
    }
}

/// On Ctrl-C, SIGTERM or SIGHUP: stop every program started, then exit 130.
pub fn clean_up_on_signals() -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            runtime.block_on(async {
                use tokio::signal::unix::{SignalKind, signal};
                let kinds = [
                    SignalKind::interrupt(),
                    SignalKind::terminate(),
                    SignalKind::hangup(),
                ];
                let mut streams = Vec::new();
                for kind in kinds {
                    match signal(kind) {
                        Ok(s) => streams.push(s),
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
                let _ = tx.send(Ok(()));
                // Whichever comes first.
                std::future::poll_fn(|cx| {
                    for s in &mut streams {
                        if s.poll_recv(cx).is_ready() {
                            return std::task::Poll::Ready(());
                        }
                    }
                    std::task::Poll::Pending
                })
                .await;
            });
            eprintln!("\nbench: interrupted; stopping the programs it started");
            stop_all();
            std::process::exit(130);
        })?;
    rx.recv()
        .map_err(|_| io::Error::other("the signal thread ended"))?
}

/// Raises the open-file limit to as much as allowed (servers and the load
/// generator each hold one descriptor per connection), trying 65,536.
/// Returns the (soft, hard) limit now in force; children inherit it.
pub fn raise_open_files() -> (u64, u64) {
    let Ok((soft, hard)) = getrlimit(Resource::RLIMIT_NOFILE) else {
        return (0, 0);
    };
    let want = 65_536.max(hard);
    if setrlimit(Resource::RLIMIT_NOFILE, want, want).is_err() {
        let _ = setrlimit(Resource::RLIMIT_NOFILE, hard, hard);
    }
    getrlimit(Resource::RLIMIT_NOFILE).unwrap_or((soft, hard))
}
