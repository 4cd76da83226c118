//! `cargo bench-course [--quick] [OPTIONS]`: the seed's Python against the
//! course's Rust, measured side by side; see the crate's documentation
//! (bench/src/lib.rs) and the book's "Measured" page.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
#[cfg(target_os = "linux")]
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use bench::report::{self, Results};
use bench::{chart, setup, targets};
// What only a measuring run uses: Linux only (see bench/src/lib.rs).
#[cfg(target_os = "linux")]
use bench::hello::HelloProgram;
#[cfg(target_os = "linux")]
use bench::report::Settings;
#[cfg(target_os = "linux")]
use bench::server::{Load, Server, ServerKind};
#[cfg(target_os = "linux")]
use bench::{machine, runner};

const USAGE: &str = "\
usage: cargo bench-course [--quick] [OPTIONS]
       (the same as: cargo run --release -p bench -- [--quick] [OPTIONS])

Measures hello (N tasks that sleep 1 s) and the seed's HTTP server, today's
Python against the course's Rust, on this machine, and writes results.json,
results.md and chart.svg (by default to bench/results/, and the chart to the
book). Installs what it lacks: bench/.venv with the pinned aiohttp, and wrk
with apt-get. All load goes to 127.0.0.1.

  --quick         CI-sized: 1,000 tasks, 4 s of load at 100 connections, one
                  run each; writes to target/bench-quick/, never the published
                  figures
  --repeats N     runs per figure (default 3; --quick: 1)
  --seconds S     seconds of load per server figure (default 10; --quick: 4)
  --only WHAT     `hello` or `server` (writes to target/bench-partial/)
  --out DIR       write the results to DIR instead
  --render DIR    only redraw DIR/results.md and DIR/chart.svg from DIR/results.json";

// Only a measuring run reads most of these, and it is Linux only.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
#[derive(Debug, Default)]
struct Options {
    quick: bool,
    repeats: Option<usize>,
    seconds: Option<u64>,
    only: Option<String>,
    out: Option<PathBuf>,
    render: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    use lessonkit::args::Arg::{Long, Short};
    let mut o = Options::default();
    let mut args = lessonkit::Args::from_args(args);
    while let Some(arg) = args.next()? {
        match arg {
            Long("quick") => o.quick = true,
            Long("repeats") => o.repeats = Some(args.number(1, 20)?),
            Long("seconds") => o.seconds = Some(args.number(1, 120)?),
            Long("only") => {
                let only = |s: &str| ["hello", "server"].contains(&s).then(|| s.to_string());
                o.only = Some(args.parse("hello or server", only)?);
            }
            Long("out") => o.out = Some(PathBuf::from(args.text()?)),
            Long("render") => o.render = Some(PathBuf::from(args.text()?)),
            Short('h') | Long("help") => return Err(USAGE.into()),
            other => return Err(format!("{} (--help lists the options)", other.unexpected())),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    #[cfg(target_os = "linux")]
    if args.first().map(String::as_str) == Some("__child") {
        return runner::wrapper_main(&args[1..]);
    }
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(&args) {
        Ok(o) => o,
        Err(message) => return lessonkit::bad_argument("bench", message),
    };
    let outcome = match &options.render {
        Some(dir) => render_only(dir).map(|()| Vec::new()),
        None => run(&options, &args),
    };
    match outcome {
        Ok(problems) if problems.is_empty() => ExitCode::SUCCESS,
        Ok(problems) => {
            eprintln!("\nbench: finished with {} problem(s):", problems.len());
            for p in &problems {
                eprintln!("  - {p}");
            }
            ExitCode::FAILURE
        }
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::from(2)
        }
    }
}

fn render_only(dir: &Path) -> Result<(), String> {
    let path = dir.join("results.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut results: Results =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    results.targets = targets::judge(&results, &targets::rules());
    write_outputs(&results, dir)?;
    let published = setup::repo_root().join("bench/results");
    if dir.canonicalize().ok() == published.canonicalize().ok() {
        copy_chart_to_book(&setup::repo_root(), dir)?;
    }
    Ok(())
}

/// The book shows the published chart from its own source folder, so
/// mdBook copies it into the build.
fn copy_chart_to_book(root: &Path, results: &Path) -> Result<(), String> {
    let book = root.join("book/src/measured");
    std::fs::create_dir_all(&book).map_err(|e| format!("{}: {e}", book.display()))?;
    std::fs::copy(results.join("chart.svg"), book.join("chart.svg"))
        .map_err(|e| format!("copying the chart into the book: {e}"))?;
    eprintln!(
        "bench: copied the chart to {}",
        book.join("chart.svg").display()
    );
    Ok(())
}

fn write_outputs(results: &Results, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let json = serde_json::to_string_pretty(results).map_err(|e| e.to_string())? + "\n";
    let svg = chart::render(results)?;
    for (name, text) in [
        ("results.json", json),
        ("results.md", report::markdown(results)),
        ("chart.svg", svg),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("bench: wrote {}", path.display());
    }
    Ok(())
}

/// Elsewhere a measuring run stops at once, saying why; `--render` works.
#[cfg(not(target_os = "linux"))]
fn run(_: &Options, _: &[String]) -> Result<Vec<String>, String> {
    Err(
        "measured on Linux only (process groups, getrusage, /proc and wrk); \
         `--render DIR` redraws published results here"
            .into(),
    )
}

#[cfg(target_os = "linux")]
fn run(o: &Options, args: &[String]) -> Result<Vec<String>, String> {
    let started = Instant::now();
    let date = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    runner::clean_up_on_signals().map_err(|e| format!("cannot watch for Ctrl-C: {e}"))?;
    let (open_files, _) = runner::raise_open_files();
    let root = setup::repo_root();
    let mode = if o.quick { "quick" } else { "full" };
    let published =
        !o.quick && o.only.is_none() && o.out.is_none() && setup::profile() == "release";
    let out = match (&o.out, o.quick, &o.only) {
        (Some(dir), _, _) => dir.clone(),
        (None, true, _) => root.join("target/bench-quick"),
        (None, false, Some(_)) => root.join("target/bench-partial"),
        (None, false, None) if setup::profile() == "release" => root.join("bench/results"),
        (None, false, None) => root.join("target/bench-debug"),
    };
    let logs = root.join("target/bench-work").join(mode);
    let _ = std::fs::remove_dir_all(&logs);

    let settings = if o.quick {
        Settings {
            repeats: o.repeats.unwrap_or(1),
            tasks: vec![1_000],
            load_seconds: o.seconds.unwrap_or(4),
            sleep_connections: vec![100],
            raw_connections: vec![100],
            one_core_connections: vec![100],
            wrk_threads: 2,
            wrk_timeout_s: 5,
            profile: setup::profile().into(),
        }
    } else {
        Settings {
            repeats: o.repeats.unwrap_or(3),
            tasks: vec![10_000, 100_000, 1_000_000],
            load_seconds: o.seconds.unwrap_or(10),
            sleep_connections: vec![1_000, 8_000],
            // A light load, which leaves the cores partly idle (each
            // connection waits on a round trip), and a heavy one.
            raw_connections: vec![100, 1_000],
            // The per-core figure: wrk -t1 -c100 on its own core.
            one_core_connections: vec![100],
            wrk_threads: 2,
            wrk_timeout_s: 10,
            profile: setup::profile().into(),
        }
    };
    let do_hello = o.only.as_deref() != Some("server");
    let do_server = o.only.as_deref() != Some("hello");
    let mut problems = Vec::new();
    let note = |problems: &mut Vec<String>, e: String| {
        eprintln!("bench: {e}");
        problems.push(e);
    };

    let python = setup::python_env(&root)
        .map_err(|e| note(&mut problems, e))
        .ok();
    let lesson02 = if do_hello {
        setup::build_release(&root, "lesson02")
            .map_err(|e| note(&mut problems, e))
            .ok()
    } else {
        None
    };
    let (lesson04, reference, wrk) = if do_server {
        (
            setup::build_release(&root, "lesson04")
                .map_err(|e| note(&mut problems, e))
                .ok(),
            setup::build_binary(&root, "bench", "axum-reference")
                .map_err(|e| note(&mut problems, e))
                .ok(),
            setup::wrk().map_err(|e| note(&mut problems, e)).ok(),
        )
    } else {
        (None, None, None)
    };
    let mut m = machine::machine(open_files);
    // One core each needs two cores and taskset (util-linux); without them
    // the one-core rows are left out, and the run says so.
    let taskset = setup::which("taskset");
    let mut settings = settings;
    if do_server && (taskset.is_none() || m.cores < 2) {
        eprintln!(
            "bench: no one-core rows: they need taskset (util-linux) and two cores; \
             this machine has {} core(s){}",
            m.cores,
            if taskset.is_none() {
                " and no taskset"
            } else {
                ""
            }
        );
        settings.one_core_connections.clear();
    }
    eprintln!(
        "bench: {} mode on {}, {} cores, load average {:.2}; results to {}",
        mode,
        m.cpu_model,
        m.cores,
        m.load_at_start,
        out.display()
    );

    let mut results = Results {
        schema: 1,
        mode: mode.into(),
        date_utc: report::utc(date),
        command: if args.is_empty() {
            "cargo bench-course".into()
        } else {
            format!("cargo bench-course {}", args.join(" "))
        },
        settings: settings.clone(),
        ..Results::default()
    };

    if do_hello {
        let mut programs = Vec::new();
        if let Some(py) = &python {
            programs.push(HelloProgram::python(
                py,
                &root.join("bench/python/hello.py"),
            ));
        }
        if let Some(exe) = &lesson02 {
            for runtime in ["own", "current", "multi"] {
                programs.push(HelloProgram::lesson02(exe, runtime));
            }
        }
        let (points, p) =
            bench::hello::measure(&programs, &settings.tasks, settings.repeats, &logs);
        results.hello = points;
        problems.extend(p);
    }

    if do_server && let Some(wrk) = &wrk {
        let mut points: Vec<(bool, u32)> = Vec::new();
        for &c in &settings.sleep_connections {
            // Each side holds one descriptor per connection, and a few more.
            if u64::from(c) + 64 > open_files {
                note(
                    &mut problems,
                    format!(
                        "{c} connections need an open-file limit above {}; it is {open_files}",
                        c + 64
                    ),
                );
            } else {
                points.push((true, c));
            }
        }
        points.extend(settings.raw_connections.iter().map(|&c| (false, c)));
        let mut servers = Vec::new();
        if let Some(py) = &python {
            let script = root.join("bench/python/aiohttp_server.py");
            servers.push((
                ServerKind::Aiohttp {
                    python: py.clone(),
                    script: script.clone(),
                    backlog: None,
                },
                points.clone(),
            ));
            // aiohttp's default backlog (128) against lesson 04's (8192;
            // the kernel caps both at net.core.somaxconn): is it the queue
            // or Python? Only where the queue can matter.
            let deep: Vec<(bool, u32)> = points
                .iter()
                .copied()
                .filter(|&(sleep, c)| sleep && c > 1_000)
                .collect();
            if !deep.is_empty() {
                servers.push((
                    ServerKind::Aiohttp {
                        python: py.clone(),
                        script,
                        backlog: Some(8192),
                    },
                    deep,
                ));
            }
        }
        if let Some(exe) = &lesson04 {
            servers.push((ServerKind::Lesson04 { exe: exe.clone() }, points.clone()));
        }
        if let Some(exe) = &reference {
            servers.push((ServerKind::Reference { exe: exe.clone() }, points.clone()));
        }
        let one_core: Vec<(bool, u32)> = settings
            .one_core_connections
            .iter()
            .map(|&c| (false, c))
            .collect();
        let mut servers: Vec<(Server, Vec<(bool, u32)>)> = servers
            .into_iter()
            .map(|(kind, points)| (Server::whole_machine(kind), points))
            .collect();
        if !one_core.is_empty() {
            let pinned: Vec<(Server, Vec<(bool, u32)>)> = servers
                .iter()
                .filter(|(s, _)| s.kind.key() != "aiohttp-backlog")
                .map(|(s, _)| {
                    (
                        Server {
                            kind: s.kind.clone(),
                            one_core: taskset.clone(),
                        },
                        one_core.clone(),
                    )
                })
                .collect();
            servers.extend(pinned);
        }
        let load = Load {
            wrk: wrk.clone(),
            threads: settings.wrk_threads,
            seconds: settings.load_seconds,
            timeout_s: settings.wrk_timeout_s,
            script: root.join("bench/wrk/steady.lua"),
        };
        let (points, p) = bench::server::measure(&servers, settings.repeats, &load, &logs);
        results.server = points;
        problems.extend(p);
    }

    if runner::stopping() {
        // A partial run must not replace the published figures.
        return Err("interrupted: no results written".into());
    }
    m.load_at_end = machine::load_average();
    results.machine = m;
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let locked = |name: &str| machine::locked_version(&lock, name).unwrap_or_else(|| "?".into());
    results.versions = machine::Versions {
        rustc: machine::first_line(Path::new("rustc"), &["--version"]),
        tokio: locked("tokio"),
        axum: locked("axum"),
        python: python
            .as_deref()
            .map(|p| machine::first_line(p, &["--version"]).replace("Python ", ""))
            .unwrap_or_else(|| "?".into()),
        aiohttp: python
            .as_deref()
            .and_then(setup::aiohttp_version)
            .unwrap_or_else(|| "?".into()),
        wrk: wrk
            .as_deref()
            .map(setup::wrk_version)
            .unwrap_or_else(|| "wrk ?".into()),
    };
    results.minutes = started.elapsed().as_secs_f64() / 60.0;
    results.targets = targets::judge(&results, &targets::rules());
    results.problems = problems.clone();
    write_outputs(&results, &out)?;
    if published {
        let book = root.join("book/src/measured");
        std::fs::create_dir_all(&book).map_err(|e| format!("{}: {e}", book.display()))?;
        std::fs::copy(out.join("chart.svg"), book.join("chart.svg"))
            .map_err(|e| format!("copying the chart into the book: {e}"))?;
        eprintln!(
            "bench: copied the chart to {}",
            book.join("chart.svg").display()
        );
    }
    for t in &results.targets {
        eprintln!(
            "bench: target {}: {} — {} ({})",
            if t.met { "met" } else { "MISSED" },
            t.what,
            t.measured,
            t.goal
        );
    }
    if results.settings.profile == "debug" {
        eprintln!(
            "bench: no verdict on the targets: they are about release builds, and these \
             lessons are debug builds (cargo bench-course --quick measures release builds)"
        );
    }
    eprintln!("bench: done in {:.1} minutes", results.minutes);
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_options() {
        let o = parse(&args("--quick --repeats 2 --seconds 3 --only server")).unwrap();
        assert!(o.quick);
        assert_eq!((o.repeats, o.seconds), (Some(2), Some(3)));
        assert_eq!(o.only.as_deref(), Some("server"));
        assert!(parse(&args("--only both")).is_err());
        assert!(parse(&args("--repeats 0")).is_err());
        assert!(parse(&args("--seconds")).is_err());
        let e = parse(&args("--fast")).unwrap_err();
        assert!(
            e.contains("'--fast'") && !e.contains('\n'),
            "one line naming it: {e}"
        );
        let e = parse(&args("--repeats 21")).unwrap_err();
        assert_eq!(e, "--repeats takes a number from 1 to 20, not \"21\"");
    }
}
