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
//! `--quiet` prints nothing else, so that the course's benchmark (bench/)
//! can run `lesson02 hello --tasks N --runtime own|current|multi --quiet`,
//! each in a fresh process, and read one line:
//!
//! ```text
//! summary runtime=own tasks=10000 wall_ms=1004.7 floor_ms=1000 over_pct=0.47 start_ms=3.1 threads=1 base_rss_kib=2644 peak_rss_kib=6788 per_task_bytes=424
//! ```
//!
//! Fields are `key=value`, separated by one space, always in this order:
//! `runtime`; `tasks`; `wall_ms`, from the first spawn until the last task
//! finished; `floor_ms`, the sleep every task does, so no run is faster;
//! `over_pct`, how far `wall_ms` is above the floor; `start_ms`, until the
//! last task had greeted and begun its sleep; `threads`, how many distinct
//! threads the tasks began on; `base_rss_kib`, resident memory before the
//! runtime started; `peak_rss_kib`, the process's peak at the end (Linux's
//! `VmHWM`); `per_task_bytes`, `(peak - base) * 1024 / tasks`, everything
//! included (the task, its timer, its join handle). The memory fields are
//! `-` where Linux's `/proc` is not there.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use lesson02::hello::{self, Out, Runtime};
use lesson02::servers;
use lesson02::wget::{self, FetchError, Limits, Target};
use lessonkit::args::Arg::{Long, Short, Value};
use lessonkit::{Args, memory, say};

const USAGE: &str = "\
usage: cargo run -p lesson02 [-- COMMAND]

commands (hello when none is given):
  hello [--tasks N] [--runtime own|current|multi] [--quiet]
        the note's hello.py: N tasks (1 to 1000000, default 10000) each greet
        with their thread, sleep 1 s and greet again; then the threads that
        ran them and a summary line. --runtime: own (the executor from
        scratch, the default), current or multi (tokio's runtimes); --quiet
        prints the summary line only.
  wget [--timeout SECS] [HOST[:PORT] ...]
        the note's wget.py over raw TCP, with limits. With no HOST it fetches
        from stand-in servers on 127.0.0.1 (some misbehave on purpose). A
        HOST is a name (ASCII), an IPv4 address or an IPv6 one in brackets
        ([::1]:8000), not a URL; port 80 unless given. SECS is the limit per
        connection, 0.001 to 600 (2 for the stand-ins, 10 for real hosts).";

fn main() -> ExitCode {
    let mut args = Args::from_env();
    let result = match args.next() {
        Ok(Some(Value(command))) if command == "wget" => run_wget(args),
        Ok(Some(Value(command))) if command == "hello" => run_hello(args),
        Ok(Some(Short('h') | Long("help"))) => {
            say!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(None) => run_hello(args),
        Ok(Some(other)) => Err(other.unexpected().to_string()),
        Err(e) => Err(e),
    };
    result.unwrap_or_else(|message| {
        lessonkit::bad_argument("lesson02", format!("{message} (--help lists the commands)"))
    })
}

fn run_hello(mut args: Args) -> Result<ExitCode, String> {
    let (mut tasks, mut runtime, mut quiet) = (10_000, Runtime::Own, false);
    while let Some(arg) = args.next()? {
        match arg {
            Long("tasks") => tasks = args.number(1, 1_000_000)?,
            Long("runtime") => runtime = args.parse("own, current or multi", Runtime::parse)?,
            Long("quiet") => quiet = true,
            other => return Err(format!("hello: {}", other.unexpected())),
        }
    }
    let base = memory::rss_kib();
    let out = Arc::new(if quiet { Out::Quiet } else { Out::Stdout });
    let run =
        hello::run(runtime, tasks, out).map_err(|e| format!("could not start the runtime: {e}"))?;
    let peak = memory::peak_kib();
    if !quiet {
        say!("\nTasks per thread (the thread each task began on):");
        for (thread, count) in &run.threads {
            say!("  {thread}: {count}");
        }
        say!("{run}");
    }
    say!("{}", summary_line(&run, base, peak));
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

/// `wget`'s options: the timeout if one was given, and the hosts.
fn parse_wget(mut args: Args) -> Result<(Option<Duration>, Vec<String>), String> {
    let (mut timeout, mut hosts) = (None, Vec::new());
    while let Some(arg) = args.next()? {
        match arg {
            Long("timeout") => timeout = Some(Duration::from_secs_f64(args.number(0.001, 600.0)?)),
            Value(host) => hosts.push(host.to_string_lossy().into_owned()),
            other => return Err(format!("wget: {}", other.unexpected())),
        }
    }
    Ok((timeout, hosts))
}

fn run_wget(args: Args) -> Result<ExitCode, String> {
    let (timeout, hosts) = parse_wget(args)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("could not start the runtime: {e}"))?;
    runtime.block_on(async {
        let local = hosts.is_empty();
        let targets = if local {
            say!("No host given: fetching from stand-in servers on 127.0.0.1.\n");
            servers::local_servers()
                .await
                .map_err(|e| format!("could not start the stand-in servers: {e}"))?
        } else {
            hosts
                .iter()
                .map(|h| (h.clone(), Target::parse(h)))
                .collect()
        };
        let default = if local {
            Duration::from_secs(2)
        } else {
            Limits::default().timeout
        };
        let limits = Limits {
            timeout: timeout.unwrap_or(default),
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
        let refused = results
            .iter()
            .any(|(_, r)| matches!(r, Err(FetchError::BadHost(_))));
        Ok(if !local && (failed > 0 || refused) {
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

    /// `--timeout` (seconds, a fraction allowed) takes both ends of its
    /// range; an unknown option is refused, not taken for a host.
    #[test]
    fn wget_options_parse() {
        let parse = |args: &[&str]| parse_wget(Args::from_args(args));
        for ok in ["0.001", "600", "2.5"] {
            let (timeout, _) = parse(&["--timeout", ok]).unwrap();
            assert_eq!(timeout, Some(Duration::from_secs_f64(ok.parse().unwrap())));
        }
        let e = parse(&["--timeout", "600.5"]).unwrap_err();
        assert!(e.contains("from 0.001 to 600,"), "{e}");
        assert_eq!(
            parse(&["a.test", "b.test:8080"]),
            Ok((None, vec!["a.test".into(), "b.test:8080".into()]))
        );
        let e = parse(&["--tiemout", "5"]).unwrap_err();
        assert!(e.starts_with("wget: invalid option '--tiemout'"), "{e}");
    }
}
