//! Lesson 04's program: the note's HTTP server, and a load client to measure it.
//!
//! ```text
//! cargo run -p lesson04 [-- OPTIONS]
//!     Serves the note's two routes on 127.0.0.1:8000, printing one line per
//!     request. Runs until Ctrl-C or SIGTERM, in a terminal or in the
//!     background (`&`, nohup, a container), and says on stopping what
//!     stopped it; requests in flight are allowed to finish.
//!
//! lesson04 serve --addr 127.0.0.1:PORT [OPTIONS]
//!     The same server for scripts and benchmarks: logs nothing, and prints
//!     exactly one line on standard output once it listens,
//!     `listening on http://127.0.0.1:PORT` (the real port when PORT is 0).
//!     Stops gracefully on Ctrl-C (SIGINT) or SIGTERM, saying why on
//!     standard error. Exit status 0 after a clean stop, 2 if it cannot
//!     listen or is given a bad option (with a one-line reason on stderr).
//!
//! lesson04 load [--addr ADDR] [--connections C] [--requests N] [--path PATH] [--no-sleep]
//!     The load client: N requests over C connections at once (at most N)
//!     against a server running on this machine (it refuses other
//!     addresses); prints elapsed time, requests per second, latency
//!     percentiles and the Little's-law limit C / 0.5 s (not with
//!     --no-sleep, which says the server answers at once). Instead of
//!     --requests, `--duration S [--warmup W]` keeps the C connections busy
//!     for W + S seconds and counts only the last S (the steady state).
//!
//! lesson04 bench [--connections C] [--requests N | --duration S [--warmup W]] [--backlog B] [--no-sleep]
//!     Starts `lesson04 serve` on a free port in a child process, runs `load`
//!     against it, stops it. Build with --release before trusting figures.
//!
//! Serving options (the server modes, and bench for its server):
//!   --addr ADDR     where to listen (default 127.0.0.1:8000; not for bench)
//!   --no-sleep      the handlers answer at once instead of after 0.5 s
//!   --backlog B     the accept queue asked of the kernel (default 8192;
//!                   tokio's TcpListener::bind asks for 128); the kernel
//!                   may cap it (Linux: net.core.somaxconn, macOS:
//!                   kern.ipc.somaxconn)
//!   --workers W     runtime worker threads (default: one per core)
//!   --quiet         no line per request (cargo run only)
//!   --stop-when-input-ends
//!                   also stop when standard input ends, for a tool that
//!                   starts the server with a pipe and wants it gone when
//!                   it closes the pipe (or exits)
//! ```
//!
//! An option a mode does not use, or two that contradict each other
//! (`--requests` with `--duration`), is refused with one line, rather than
//! ignored while the output suggests it applied.
//!
//! None of it uses the exercises, so it runs before you have solved any.

use std::cell::Cell;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use lesson04::app::{self, Config};
use lesson04::load::{self, Amount, Plan};
use lesson04::server::{self, BACKLOG, LIMITS};

const USAGE: &str = "\
usage:
  cargo run -p lesson04 [-- OPTIONS]          serve the note's routes, one log line per request,
                                              until Ctrl-C or SIGTERM (also in the background)
  lesson04 serve --addr ADDR [OPTIONS]        the same for scripts: no log, prints
                                              `listening on http://ADDR` once listening
  lesson04 load [--addr ADDR] [--connections C] [--requests N] [--path PATH] [--no-sleep]
                                              N requests over C connections (at most N), measured
  lesson04 load ... --duration S [--warmup W] C connections kept busy W + S seconds,
                                              only the last S counted
  lesson04 bench [--connections C] [--requests N | --duration S [--warmup W]] [--backlog B] [--no-sleep]
                                              serve in a child process and load it

serving options:
  --addr ADDR     where to listen (default 127.0.0.1:8000; bench picks a free port)
  --no-sleep      handlers answer at once instead of after 0.5 s (load: the server was
                  started so, and no Little's-law line is printed)
  --backlog B     accept queue asked of the kernel (default 8192; TcpListener::bind asks 128);
                  the kernel may lower it (Linux net.core.somaxconn, macOS kern.ipc.somaxconn)
  --workers W     runtime worker threads (default: one per core; bench: the server's)
  --quiet         no line per request (cargo run only; serve never logs)
  --stop-when-input-ends
                  also stop when standard input ends (for tools that start the server
                  with a pipe); without it, only Ctrl-C or SIGTERM stop the server";

const DEFAULT_ADDR: &str = "127.0.0.1:8000";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lesson04: {message}");
            ExitCode::from(2)
        }
    }
}

/// The program's modes: each accepts only the options it uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// `cargo run -p lesson04`: serve and log.
    Interactive,
    Serve,
    Load,
    Bench,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Interactive => "the server (no mode given)",
            Mode::Serve => "serve",
            Mode::Load => "load",
            Mode::Bench => "bench",
        }
    }

    /// The options this mode reads. Anything else would be accepted and
    /// then silently not apply, so it is refused instead.
    fn options(self) -> &'static [&'static str] {
        match self {
            Mode::Interactive | Mode::Serve => &[
                "--addr",
                "--no-sleep",
                "--backlog",
                "--workers",
                "--quiet",
                "--stop-when-input-ends",
            ],
            Mode::Load => &[
                "--addr",
                "--no-sleep",
                "--workers",
                "--connections",
                "--requests",
                "--duration",
                "--warmup",
                "--path",
            ],
            Mode::Bench => &[
                "--no-sleep",
                "--backlog",
                "--workers",
                "--connections",
                "--requests",
                "--duration",
                "--warmup",
                "--path",
            ],
        }
    }
}

/// Options shared by the modes; each mode reads the ones it uses.
#[derive(Debug)]
struct Options {
    addr: SocketAddr,
    sleep: bool,
    backlog: u32,
    workers: Option<usize>,
    quiet: bool,
    /// `--stop-when-input-ends`: also stop when standard input ends.
    stop_when_input_ends: bool,
    connections: usize,
    requests: usize,
    /// `--duration`: measure a window of this many seconds instead of a count.
    duration: Option<Duration>,
    warmup: Duration,
    path: String,
}

fn parse(mode: Mode, args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        addr: DEFAULT_ADDR.parse().expect("the default address parses"),
        sleep: true,
        backlog: BACKLOG,
        workers: None,
        quiet: false,
        stop_when_input_ends: false,
        connections: 1000,
        requests: 1000,
        duration: None,
        warmup: Duration::from_secs(2),
        path: "/hello/load".to_string(),
    };
    let mut given: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match flag.as_str() {
            "--addr" => o.addr = parse_addr(value()?)?,
            "--no-sleep" => o.sleep = false,
            "--quiet" => o.quiet = true,
            "--stop-when-input-ends" => o.stop_when_input_ends = true,
            "--backlog" => o.backlog = number(flag, value()?, 1, 1 << 20)? as u32,
            "--workers" => o.workers = Some(number(flag, value()?, 1, 1024)?),
            "--connections" => o.connections = number(flag, value()?, 1, 100_000)?,
            "--requests" => o.requests = number(flag, value()?, 1, 10_000_000)?,
            "--duration" => {
                o.duration = Some(Duration::from_secs(number(flag, value()?, 1, 600)? as u64))
            }
            "--warmup" => o.warmup = Duration::from_secs(number(flag, value()?, 0, 60)? as u64),
            "--path" => {
                let path = value()?;
                if !path.starts_with('/') {
                    return Err(format!("--path must start with '/', not {path:?}"));
                }
                o.path = path.clone();
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unexpected argument {flag:?}\n\n{USAGE}")),
        }
        if !mode.options().contains(&flag.as_str()) {
            return Err(format!(
                "{flag} does not apply to {}; it takes {}",
                mode.name(),
                mode.options().join(" ")
            ));
        }
        given.push(flag.as_str());
    }
    if given.contains(&"--requests") && given.contains(&"--duration") {
        return Err(
            "--requests and --duration contradict each other: a count of requests, or a \
             measured window, not both"
                .to_string(),
        );
    }
    if given.contains(&"--warmup") && !given.contains(&"--duration") {
        return Err(
            "--warmup applies to a measured window only: add --duration S, or drop --warmup"
                .to_string(),
        );
    }
    Ok(o)
}

fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    s.parse().map_err(|_| {
        format!(
            "{s:?} is not an address to listen on; write an IP address and a port, like \
             127.0.0.1:8000 or [::1]:8000"
        )
    })
}

/// `s` as a whole number from `min` to `max`, both included, as the error
/// says; `_` between digits is allowed (`10_000`).
fn number(flag: &str, s: &str, min: usize, max: usize) -> Result<usize, String> {
    let digits = s.replace('_', "");
    let parsed = if digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<usize>().ok()
    } else {
        None // refuses "+5", which `parse` alone would take
    };
    match parsed {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag} takes a whole number from {min} to {max}, not {s:?}"
        )),
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("serve") => {
            let mut o = parse(Mode::Serve, &args[1..])?;
            o.quiet = true;
            serve(&o, true)
        }
        Some("load") => load_only(&parse(Mode::Load, &args[1..])?),
        Some("bench") => bench(&parse(Mode::Bench, &args[1..])?),
        _ => serve(&parse(Mode::Interactive, args)?, false),
    }
}

fn runtime(workers: Option<usize>) -> Result<tokio::runtime::Runtime, String> {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = workers {
        builder.worker_threads(n);
    }
    builder
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))
}

// ANCHOR: main_serve
fn serve(o: &Options, for_scripts: bool) -> Result<(), String> {
    let config = Config {
        sleep: if o.sleep { app::SLEEP } else { Duration::ZERO },
        log: !o.quiet,
    };
    runtime(o.workers)?.block_on(async {
        let listener = server::bind(o.addr, o.backlog).map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        if for_scripts {
            println!("listening on http://{addr}");
        } else {
            announce(addr, config, o.stop_when_input_ends);
        }
        // Why the server stopped, to say so afterwards.
        let why = Cell::new(None);
        let stop = async {
            let reason = tokio::select! {
                reason = stop_signal() => reason,
                // Only when asked: a server started in the background, by
                // nohup or in a container has an input that is at its end
                // from the start, and must keep serving all the same.
                () = input_ended(), if o.stop_when_input_ends => Stop::InputEnded,
            };
            why.set(Some(reason));
        };
        let drained = server::serve(listener, app::router(config), LIMITS, stop).await;
        let why = why.get().map_or("stopped", Stop::describe);
        let after = if drained {
            "every request in flight was answered".to_string()
        } else {
            format!(
                "gave up on the requests still in flight after {} s",
                LIMITS.shutdown_grace.as_secs()
            )
        };
        if for_scripts {
            // Standard output holds only the one `listening on` line.
            eprintln!("lesson04: {why}; {after}");
        } else {
            println!("{why}; {after}");
        }
        Ok(())
    })
}
// ANCHOR_END: main_serve

fn announce(addr: SocketAddr, config: Config, stop_when_input_ends: bool) {
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new([127, 0, 0, 1].into(), addr.port())
    } else {
        addr
    };
    println!("Serving the note's two routes on http://{addr}");
    println!("  open  http://{shown}/");
    println!("  and   http://{shown}/hello/world");
    if config.sleep.is_zero() {
        println!("(--no-sleep: the handlers answer at once)");
    } else {
        println!(
            "(each answer waits {} ms, as the note's did)",
            config.sleep.as_millis()
        );
    }
    if stop_when_input_ends {
        println!(
            "Ctrl-C, SIGTERM or the end of standard input stops the server, letting requests in flight finish."
        );
    } else {
        println!("Ctrl-C stops the server, letting requests in flight finish.");
    }
}

/// What stopped the server.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    CtrlC,
    Terminate,
    InputEnded,
}

impl Stop {
    fn describe(self) -> &'static str {
        match self {
            Stop::CtrlC => "stopped by Ctrl-C (SIGINT)",
            Stop::Terminate => "stopped by SIGTERM",
            Stop::InputEnded => "stopped: standard input ended (--stop-when-input-ends)",
        }
    }
}

/// Completes when standard input ends, for `--stop-when-input-ends`: a
/// tool that starts the server with a pipe as its input and wants it gone
/// when the tool goes (its end of the pipe closes when it exits, even if it
/// is killed). The input is read on a thread of its own, because reading
/// standard input blocks.
async fn input_ended() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = tx.send(());
    });
    let _ = rx.await;
}

/// Completes on Ctrl-C, or on SIGTERM where there is one, and says which.
async fn stop_signal() -> Stop {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await; // no signal handling: run until killed
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => Stop::CtrlC,
        () = terminate => Stop::Terminate,
    }
}

fn plan(o: &Options) -> Plan {
    Plan {
        addr: o.addr,
        path: o.path.clone(),
        connections: o.connections,
        amount: match o.duration {
            None => Amount::Requests(o.requests),
            Some(measure) => Amount::Window {
                warmup: o.warmup,
                measure,
            },
        },
    }
}

fn load_only(o: &Options) -> Result<(), String> {
    if !o.addr.ip().is_loopback() {
        return Err(format!(
            "load sends only to this machine (127.0.0.0/8 or [::1]), not to {}: a load test \
             is for your own server",
            o.addr
        ));
    }
    let report = runtime(o.workers)?.block_on(load::run(plan(o)));
    print_report(&report, o.sleep);
    if report.ok == 0 {
        return Err("no request succeeded".to_string());
    }
    Ok(())
}

fn print_report(report: &load::Report, sleep: bool) {
    println!("{report}");
    if !sleep {
        return;
    }
    let limit = report.limit(app::SLEEP);
    let best = match report.plan.amount {
        Amount::Requests(n) => {
            let rounds = n.div_ceil(report.plan.busy());
            format!(
                "; {n} requests need {rounds} round(s) of 0.5 s = {:.1} s at best",
                rounds as f64 * app::SLEEP.as_secs_f64()
            )
        }
        Amount::Window { .. } => String::new(),
    };
    println!(
        "Little's law: {:.0} req/s at most (connections / 0.5 s){best}; reached {:.1}%",
        limit,
        100.0 * report.requests_per_second() / limit
    );
    if let (Amount::Window { .. }, Some(mean)) = (report.plan.amount, report.mean()) {
        // Connections that start together finish in step, so a window
        // counts whole rounds; L / W from the mean latency does not.
        let rate = report.plan.connections as f64 / mean.as_secs_f64();
        println!(
            "  cross-check, L / W with the mean latency: {} / {:.4} s = {rate:.0} req/s ({:.1}%)",
            report.plan.connections,
            mean.as_secs_f64(),
            100.0 * rate / limit
        );
    }
}

fn bench(o: &Options) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut command = Command::new(exe);
    command.args(["serve", "--addr", "127.0.0.1:0", "--backlog"]);
    command.arg(o.backlog.to_string());
    if !o.sleep {
        command.arg("--no-sleep");
    }
    if let Some(w) = o.workers {
        command.args(["--workers", &w.to_string()]);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let mut line = String::new();
    let stdout = child.stdout.take().expect("stdout is piped");
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the server's address: {e}"))?;
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .map(parse_addr);
    let result = match addr {
        Some(Ok(addr)) => {
            println!(
                "server: pid {}, {addr}, {}, {}",
                child.id(),
                backlog_text(o.backlog, somaxconn()),
                if o.sleep { "0.5 s sleep" } else { "no sleep" }
            );
            let mut o = plan(o);
            o.addr = addr;
            Ok(runtime(None)?.block_on(load::run(o)))
        }
        _ => Err(format!("the server did not start: {:?}", line.trim())),
    };
    // The server's peak memory, read before it goes.
    let peak = peak_memory_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    let report = result?;
    print_report(&report, o.sleep);
    if let Some(kib) = peak {
        println!(
            "server's peak memory (VmHWM): {:.1} MiB, {:.1} KiB per connection",
            kib as f64 / 1024.0,
            kib as f64 / report.plan.busy() as f64
        );
    } else if cfg!(not(target_os = "linux")) {
        println!("server's peak memory: measured on Linux only");
    }
    Ok(())
}

/// The accept queue as the kernel will grant it: `asked`, or the system's
/// cap when that is lower (the kernel lowers it without a word, so the
/// program says so rather than print a figure that does not apply).
fn backlog_text(asked: u32, cap: Option<Cap>) -> String {
    match cap {
        Some((cap, setting)) if cap < asked => {
            format!("backlog {asked} asked, {cap} granted ({setting})")
        }
        _ => format!("backlog {asked}"),
    }
}

/// The kernel's cap on an accept queue, and the setting that holds it
/// (`net.core.somaxconn`, say).
type Cap = (u32, &'static str);

/// The kernel's cap on an accept queue, and the setting that holds it.
#[cfg(target_os = "linux")]
fn somaxconn() -> Option<Cap> {
    let text = std::fs::read_to_string("/proc/sys/net/core/somaxconn").ok()?;
    Some((text.trim().parse().ok()?, "net.core.somaxconn"))
}

/// The kernel's cap on an accept queue, and the setting that holds it.
#[cfg(target_os = "macos")]
fn somaxconn() -> Option<Cap> {
    let out = std::process::Command::new("sysctl")
        .args(["-n", "kern.ipc.somaxconn"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    Some((text.trim().parse().ok()?, "kern.ipc.somaxconn"))
}

/// Elsewhere the cap is not read; the line shows what was asked.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
fn somaxconn() -> Option<Cap> {
    None
}

/// A live process's peak resident memory (`VmHWM`), in KiB.
#[cfg(target_os = "linux")]
fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok()
}

/// Other systems have no `/proc`; the caller says so.
#[cfg(not(target_os = "linux"))]
fn peak_memory_kib(_pid: u32) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    fn refused(mode: Mode, line: &str) -> String {
        match parse(mode, &args(line)) {
            Ok(o) => panic!("{line:?} should be refused in {mode:?}, but parsed as {o:?}"),
            Err(e) => e,
        }
    }

    /// An option a mode would ignore is refused with one line that says so,
    /// never accepted while the output suggests it applied.
    #[test]
    fn options_a_mode_does_not_use_are_refused() {
        for (mode, line) in [
            (Mode::Bench, "--addr 127.0.0.1:9000"),
            (Mode::Load, "--backlog 100"),
            (Mode::Load, "--quiet"),
            (Mode::Load, "--stop-when-input-ends"),
            (Mode::Serve, "--requests 5"),
            (Mode::Interactive, "--connections 10"),
            (Mode::Interactive, "--path /"),
        ] {
            let flag = line.split(' ').next().unwrap();
            let e = refused(mode, line);
            assert!(
                e.starts_with(&format!("{flag} does not apply to {}", mode.name())),
                "{line:?} in {mode:?}: {e}"
            );
            assert!(!e.contains('\n'), "one line, not {e:?}");
        }
        // What each mode does use still parses.
        assert!(parse(Mode::Load, &args("--connections 5 --requests 5 --no-sleep")).is_ok());
        assert!(parse(Mode::Bench, &args("--duration 3 --warmup 1 --backlog 128")).is_ok());
        assert!(
            parse(
                Mode::Serve,
                &args("--addr 127.0.0.1:0 --stop-when-input-ends")
            )
            .is_ok()
        );
    }

    /// Options that contradict each other, or one that needs another, are
    /// refused rather than one of them silently winning.
    #[test]
    fn contradicting_options_are_refused() {
        let e = refused(Mode::Load, "--requests 5 --duration 3");
        assert!(e.contains("contradict"), "{e}");
        let e = refused(Mode::Bench, "--warmup 1");
        assert!(e.contains("add --duration"), "{e}");
    }

    /// The range an error names is exactly the range accepted: both ends
    /// in, one past either end out, and nothing that only looks like a
    /// number.
    #[test]
    fn the_range_in_the_message_is_the_range_accepted() {
        for (flag, min, max) in [
            ("--connections", 1, 100_000),
            ("--requests", 1, 10_000_000),
            ("--duration", 1, 600),
            ("--warmup", 0, 60),
            ("--backlog", 1, 1 << 20),
            ("--workers", 1, 1024),
        ] {
            let text = format!("a whole number from {min} to {max}");
            for good in [min, max] {
                assert_eq!(
                    number(flag, &good.to_string(), min, max),
                    Ok(good),
                    "{flag}"
                );
            }
            for bad in [min.wrapping_sub(1).to_string(), (max + 1).to_string()] {
                let e = number(flag, &bad, min, max).unwrap_err();
                assert!(e.contains(&text), "{flag} {bad}: {e}");
            }
        }
        assert_eq!(number("--requests", "10_000", 1, 10_000_000), Ok(10_000));
        for bad in ["+5", "-5", "5.0", "", "five"] {
            assert!(
                number("--requests", bad, 1, 10).is_err(),
                "{bad:?} is no whole number"
            );
        }
    }

    /// The accept queue shown is the one the kernel grants, not just the
    /// one asked for.
    #[test]
    fn the_backlog_shown_is_the_one_granted() {
        assert_eq!(
            backlog_text(8192, Some((4096, "net.core.somaxconn"))),
            "backlog 8192 asked, 4096 granted (net.core.somaxconn)"
        );
        assert_eq!(
            backlog_text(128, Some((4096, "net.core.somaxconn"))),
            "backlog 128"
        );
        assert_eq!(backlog_text(8192, None), "backlog 8192");
    }
}
