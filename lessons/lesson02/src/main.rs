//! Lesson 02's program: `cargo run -p lesson02 [-- COMMAND]`.
//!
//! With no command it runs the note's `hello.py`: 10,000 tasks on the
//! executor from scratch, printing as the note's program does, then a
//! summary. It needs none of the exercises, so it works before you have
//! solved any.
//!
//! # The summary line
//!
//! `hello` always ends with exactly one line in this format, and with
//! `--quiet` prints nothing else, so a benchmark can run
//! `lesson02 hello --tasks N --runtime own|current|multi --quiet` and read
//! one line:
//!
//! ```text
//! summary runtime=own tasks=10000 wall_ms=1004.7 floor_ms=1000 over_pct=0.47 start_ms=3.1 threads=1 base_rss_kib=2644 peak_rss_kib=6788 per_task_bytes=424
//! ```
//!
//! Fields are `key=value`, separated by one space, always in this order:
//! - `runtime`: `own`, `current` or `multi`;
//! - `tasks`: how many `hello` tasks ran;
//! - `wall_ms`: milliseconds from the first spawn until the last task
//!   finished, one decimal;
//! - `floor_ms`: the sleep every task does (1000): no run can be faster;
//! - `over_pct`: how far `wall_ms` is above the floor, in percent, two
//!   decimals;
//! - `start_ms`: milliseconds from the first spawn until the last task had
//!   greeted and begun its sleep, one decimal: starting the tasks is most of
//!   what a run spends above the floor;
//! - `threads`: how many distinct threads the tasks began on (on the
//!   multi-thread runtime a task may go on after a sleep on another one);
//! - `base_rss_kib`: resident memory before the runtime started (Linux's
//!   `VmRSS`), in KiB;
//! - `peak_rss_kib`: the process's peak resident memory at the end
//!   (`VmHWM`), in KiB;
//! - `per_task_bytes`: `(peak_rss_kib - base_rss_kib) * 1024 / tasks`,
//!   rounded: peak memory per task, everything included (the task, its
//!   timer, its join handle).
//!
//! The three memory fields are `-` where `/proc/self/status` does not exist
//! (anything but Linux). Each run is a fresh process, so its peak is its
//! own; `compare` runs each runtime that way.

use std::io::Write;
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Duration;

use lesson02::hello::{self, Out, Runtime};
use lesson02::say;
use lesson02::wget::{self, FetchError, Limits, Target};

const USAGE: &str = "\
usage: cargo run -p lesson02 [-- COMMAND]

commands (hello when none is given, so hello's options work alone too):
  hello [--tasks N] [--runtime own|current|multi] [--quiet]
        the note's hello.py: N tasks (default 10000) each greet with their
        thread, sleep 1 s and greet again; then the threads that ran them and
        a summary line (its format is documented at the top of main.rs).
        --runtime: own (the executor from scratch, the default), current
        (tokio's current-thread runtime) or multi (tokio's multi-thread
        runtime); --quiet prints the summary line only.
        N from 1 to 1000000; 1000000 wants a release build.
  compare [--tasks N] [--repeat K]
        hello --quiet on each runtime in turn, each in a fresh process, as a
        table; with --repeat, the fastest of K runs of each (K from 1 to 20;
        try it with cargo run --release)
  wget [--timeout SECS] [HOST[:PORT] ...]
        the note's wget.py over raw TCP, with limits. With no HOST it starts
        stand-in servers on 127.0.0.1 (some misbehave on purpose) and fetches
        from those: no internet needed. With HOSTs it connects to them, port
        80 unless given; a HOST is a name (ASCII), an IPv4 address or an IPv6
        one in brackets ([::1]:8000), not a URL. SECS is the limit per
        connection, from 0.001 to 600 (default 2 for the stand-ins, 10 for
        real hosts).";

const DEFAULT_TASKS: usize = 10_000;
const MAX_TASKS: usize = 1_000_000;
const MAX_REPEAT: usize = 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("lesson02: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[&str]) -> Result<ExitCode, String> {
    match args {
        [] => run_hello(&[]),
        ["hello", rest @ ..] => run_hello(rest),
        // `cargo run -p lesson02 -- --tasks 100` works too: hello is the default.
        [flag, ..] if matches!(*flag, "--tasks" | "--runtime" | "--quiet") => run_hello(args),
        ["compare", rest @ ..] => compare(rest),
        ["wget", rest @ ..] => run_wget(rest),
        ["-h" | "--help" | "help"] => {
            say!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    }
}

/// `hello`'s options.
#[derive(Debug, Clone, Copy, PartialEq)]
struct HelloOptions {
    tasks: usize,
    runtime: Runtime,
    quiet: bool,
}

fn parse_hello(args: &[&str]) -> Result<HelloOptions, String> {
    let mut options = HelloOptions {
        tasks: DEFAULT_TASKS,
        runtime: Runtime::Own,
        quiet: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--tasks" => options.tasks = parse_tasks(args.next())?,
            "--runtime" => {
                let name = args.next().ok_or("--runtime needs a value")?;
                options.runtime = Runtime::parse(name).ok_or_else(|| {
                    format!("--runtime must be own, current or multi, not {name:?}")
                })?;
            }
            "--quiet" => options.quiet = true,
            other => return Err(format!("hello: unexpected argument {other:?}\n\n{USAGE}")),
        }
    }
    Ok(options)
}

fn parse_tasks(value: Option<&&str>) -> Result<usize, String> {
    number("--tasks", value, 1, MAX_TASKS)
}

/// The value of option `flag`, a number from `min` to `max`: the message
/// names the very bounds the check uses, so the two cannot disagree.
/// `_` may group digits (`100_000`).
fn number<T>(flag: &str, value: Option<&&str>, min: T, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display,
{
    let value = value.ok_or_else(|| format!("{flag} needs a value from {min} to {max}"))?;
    match value.replace('_', "").parse::<T>() {
        Ok(n) if min <= n && n <= max => Ok(n),
        _ => Err(format!(
            "{flag} takes a number from {min} to {max}, not {value:?}"
        )),
    }
}

fn run_hello(args: &[&str]) -> Result<ExitCode, String> {
    let options = parse_hello(args)?;
    let base = memory_kib("VmRSS:");
    let out = Arc::new(if options.quiet {
        Out::Quiet
    } else {
        Out::Stdout
    });
    let run = hello::run(options.runtime, options.tasks, out)
        .map_err(|e| format!("could not start the runtime: {e}"))?;
    let peak = memory_kib("VmHWM:");
    // Written, not `println!`ed: a closed pipe (`| head`) is not worth a panic.
    let mut report = String::new();
    if !options.quiet {
        report.push_str("\nTasks per thread (the thread each task began on):\n");
        for (thread, count) in &run.threads {
            report.push_str(&format!("  {thread}: {count}\n"));
        }
        report.push_str(&format!("{run}\n"));
    }
    report.push_str(&summary_line(&run, base, peak));
    report.push('\n');
    let _ = std::io::stdout().lock().write_all(report.as_bytes());
    Ok(ExitCode::SUCCESS)
}

// ANCHOR: summary
/// The summary line; its format is documented at the top of this file.
fn summary_line(run: &hello::Run, base_kib: Option<u64>, peak_kib: Option<u64>) -> String {
    let opt = |v: Option<u64>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
    let per_task = match (base_kib, peak_kib) {
        (Some(base), Some(peak)) => {
            let bytes = peak.saturating_sub(base) as f64 * 1024.0 / run.tasks as f64;
            Some(bytes.round() as u64)
        }
        _ => None,
    };
    format!(
        "summary runtime={} tasks={} wall_ms={:.1} floor_ms={} over_pct={:.2} start_ms={:.1} \
         threads={} base_rss_kib={} peak_rss_kib={} per_task_bytes={}",
        run.runtime.name(),
        run.tasks,
        run.wall.as_secs_f64() * 1000.0,
        hello::SLEEP.as_millis(),
        run.over_floor_pct(),
        run.started.as_secs_f64() * 1000.0,
        run.threads.len(),
        opt(base_kib),
        opt(peak_kib),
        opt(per_task),
    )
}
// ANCHOR_END: summary

/// A field of this process's `/proc/self/status`, in KiB (Linux only).
#[cfg(target_os = "linux")]
fn memory_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Other systems have no `/proc`: the memory fields print as `-`.
#[cfg(not(target_os = "linux"))]
fn memory_kib(_field: &str) -> Option<u64> {
    None
}

/// Runs `hello --quiet` for each runtime in a child process and tabulates
/// the summary lines. With `--repeat K`, each runtime runs K times and the
/// fastest run is shown: on a busy machine the fastest is the one the
/// other programs disturbed least.
fn compare(args: &[&str]) -> Result<ExitCode, String> {
    let (mut tasks, mut repeat) = (DEFAULT_TASKS, 1);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--tasks" => tasks = parse_tasks(args.next())?,
            "--repeat" => repeat = number("--repeat", args.next(), 1, MAX_REPEAT)?,
            other => return Err(format!("compare: unexpected argument {other:?}\n\n{USAGE}")),
        }
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let best = if repeat > 1 {
        format!(", fastest of {repeat} runs")
    } else {
        String::new()
    };
    say!(
        "{tasks} hello tasks, each sleeping 1 s, on each runtime (each run in a fresh process{best}):"
    );
    say!(
        "  {:<8} {:>10} {:>13} {:>13} {:>8} {:>12} {:>14}",
        "runtime",
        "wall",
        "above floor",
        "all started",
        "threads",
        "peak RSS",
        "per task"
    );
    for runtime in Runtime::ALL {
        let mut lines = Vec::new();
        for _ in 0..repeat {
            lines.push(run_child(&exe, runtime, tasks)?);
        }
        let field = |line: &str, key: &str| {
            line.split(' ')
                .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                .unwrap_or("?")
                .to_string()
        };
        let wall = |line: &String| field(line, "wall_ms").parse::<f64>().unwrap_or(f64::MAX);
        let line = lines
            .iter()
            .min_by(|a, b| wall(a).total_cmp(&wall(b)))
            .expect("at least one run");
        say!(
            "  {:<8} {:>7} ms {:>11} % {:>10} ms {:>8} {:>8} KiB {:>8} bytes",
            runtime.name(),
            field(line, "wall_ms"),
            field(line, "over_pct"),
            field(line, "start_ms"),
            field(line, "threads"),
            field(line, "peak_rss_kib"),
            field(line, "per_task_bytes"),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One `hello --quiet` in a child process: its summary line.
fn run_child(exe: &std::path::Path, runtime: Runtime, tasks: usize) -> Result<String, String> {
    let tasks = tasks.to_string();
    let out = Command::new(exe)
        .args([
            "hello",
            "--tasks",
            &tasks,
            "--runtime",
            runtime.name(),
            "--quiet",
        ])
        .output()
        .map_err(|e| format!("cannot start a child process: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{} failed: {}",
            runtime.name(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `wget`'s options: the timeout if one was given, and the hosts.
fn parse_wget(args: &[&str]) -> Result<(Option<Duration>, Vec<String>), String> {
    let mut timeout = None;
    let mut hosts = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match *arg {
            "--timeout" => {
                let secs = number("--timeout", args.next(), 0.001, 600.0)?;
                timeout = Some(Duration::from_secs_f64(secs));
            }
            flag if flag.starts_with('-') => {
                return Err(format!("wget: unknown option {flag:?}\n\n{USAGE}"));
            }
            host => hosts.push(host.to_string()),
        }
    }
    Ok((timeout, hosts))
}

fn run_wget(args: &[&str]) -> Result<ExitCode, String> {
    let (timeout, hosts) = parse_wget(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the runtime: {e}"))?;
    runtime.block_on(async {
        let local = hosts.is_empty();
        let targets = if local {
            say!("No host given: fetching from stand-in servers on 127.0.0.1.\n");
            wget::local_servers()
                .await
                .map_err(|e| format!("could not start the stand-in servers: {e}"))?
        } else {
            hosts
                .iter()
                .map(|h| (h.clone(), Target::parse(h)))
                .collect()
        };
        let limits = Limits {
            timeout: timeout.unwrap_or(if local {
                Duration::from_secs(2)
            } else {
                Limits::default().timeout
            }),
            ..Limits::default()
        };
        let results = wget::wget_all(targets, limits, true).await;
        let failed = results.iter().filter(|(_, r)| r.is_err()).count();
        let hosts = match results.len() {
            1 => "1 host".to_string(),
            n => format!("{n} hosts"),
        };
        say!(
            "\n{hosts}, {} answered, {failed} failed.",
            results.len() - failed
        );
        // The stand-ins misbehave on purpose; real hosts failing is an error.
        let refused_input = results
            .iter()
            .any(|(_, r)| matches!(r, Err(FetchError::BadHost(_))));
        Ok(if !local && (failed > 0 || refused_input) {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// The summary line has exactly the documented fields, in order.
    #[test]
    fn summary_line_has_the_documented_format() {
        let run = hello::Run {
            runtime: Runtime::Multi,
            tasks: 4,
            wall: Duration::from_micros(1_012_345),
            started: Duration::from_micros(9_940),
            threads: BTreeMap::from([("a".into(), 3), ("b".into(), 1)]),
        };
        assert_eq!(
            summary_line(&run, Some(1000), Some(1002)),
            "summary runtime=multi tasks=4 wall_ms=1012.3 floor_ms=1000 over_pct=1.23 start_ms=9.9 threads=2 \
             base_rss_kib=1000 peak_rss_kib=1002 per_task_bytes=512"
        );
        assert!(
            summary_line(&run, None, None)
                .ends_with("base_rss_kib=- peak_rss_kib=- per_task_bytes=-")
        );
    }

    #[test]
    fn hello_options_parse() {
        assert_eq!(
            parse_hello(&["--tasks", "100_000", "--runtime", "current", "--quiet"]),
            Ok(HelloOptions {
                tasks: 100_000,
                runtime: Runtime::Current,
                quiet: true
            })
        );
        for bad in [
            &["--tasks", "0"][..],
            &["--tasks", "1000001"],
            &["--runtime", "asyncio"],
            &["--tasks"],
            &["--loud"],
        ] {
            assert!(parse_hello(bad).is_err(), "{bad:?}");
        }
    }

    /// A whole-number option (`--tasks`; `--repeat` is read the same way)
    /// accepts exactly the range its message states: both ends, and
    /// nothing just outside them.
    #[test]
    fn whole_number_options_accept_the_range_they_name() {
        for ok in ["1", "1000000", "100_000"] {
            assert!(parse_hello(&["--tasks", ok]).is_ok(), "{ok}");
        }
        for bad in ["0", "1000001", "-1", "lots"] {
            let e = parse_hello(&["--tasks", bad]).unwrap_err();
            assert!(
                e.contains("--tasks takes a number from 1 to 1000000,"),
                "{e}"
            );
        }
        let repeat = |v: &str| number("--repeat", Some(&v), 1, MAX_REPEAT);
        assert_eq!((repeat("1"), repeat("20")), (Ok(1), Ok(20)));
        assert!(repeat("21").unwrap_err().contains("from 1 to 20,"));
    }

    /// `--timeout` (seconds, a fraction allowed): both ends of its range
    /// pass, and 0, a value too small to be a timeout, too large or not a
    /// number is refused naming the range; an unknown option is not a host.
    #[test]
    fn wget_options_accept_the_range_they_name() {
        for ok in ["0.001", "600", "2.5"] {
            let (timeout, _) = parse_wget(&["--timeout", ok]).unwrap();
            assert_eq!(timeout, Some(Duration::from_secs_f64(ok.parse().unwrap())));
        }
        for bad in ["0", "1e-300", "600.5", "-1", "NaN", "inf", "soon"] {
            let e = parse_wget(&["--timeout", bad]).unwrap_err();
            assert!(e.contains("from 0.001 to 600,"), "{bad}: {e}");
        }
        assert_eq!(
            parse_wget(&["a.test", "b.test:8080"]),
            Ok((None, vec!["a.test".into(), "b.test:8080".into()]))
        );
        let e = parse_wget(&["--tiemout", "5"]).unwrap_err();
        assert!(e.starts_with("wget: unknown option \"--tiemout\""), "{e}");
    }
}
