//! Lesson 04's program: the note's HTTP server, and a load client to measure it.
//!
//! ```text
//! cargo run -p lesson04 [-- OPTIONS]
//!     Serves the note's two routes on 127.0.0.1:8000, printing one line per
//!     request. Ctrl-C stops it, letting requests in flight finish. Started
//!     with an input that is not a terminal (a pipe, /dev/null), it also
//!     stops when that input ends; scripts should use `serve`.
//!
//! lesson04 serve --addr 127.0.0.1:PORT [--no-sleep] [OPTIONS]
//!     The same server for scripts and benchmarks: logs nothing, and prints
//!     exactly one line on standard output once it listens,
//!     `listening on http://127.0.0.1:PORT` (the real port when PORT is 0).
//!     Stops gracefully on Ctrl-C (SIGINT) or SIGTERM. Exit status 0 after a
//!     clean stop, 2 if it cannot listen (with a one-line reason on stderr).
//!
//! lesson04 load [--addr ADDR] [--connections C] [--requests N] [--path PATH]
//!     The load client: N requests over C connections at once against a
//!     server running on this machine (it refuses other addresses); prints elapsed time, requests per second, latency
//!     percentiles and the Little's-law limit C / 0.5 s. Instead of
//!     --requests, `--duration S [--warmup W]` keeps the C connections busy
//!     for W + S seconds and counts only the last S (the steady state).
//!
//! lesson04 bench [--connections C] [--requests N | --duration S] [--backlog B] [--no-sleep]
//!     Starts `lesson04 serve` on a free port in a child process, runs `load`
//!     against it, stops it. Build with --release before trusting figures.
//!
//! Serving options:
//!   --addr ADDR     where to listen (default 127.0.0.1:8000)
//!   --no-sleep      the handlers answer at once instead of after 0.5 s
//!   --backlog B     the accept queue asked of the kernel (default 8192;
//!                   tokio's TcpListener::bind asks for 128)
//!   --workers W     runtime worker threads (default: one per core)
//!   --quiet         no line per request
//! ```
//!
//! None of it uses the exercises, so it runs before you have solved any.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use lesson04::app::{self, Config};
use lesson04::load::{self, Amount, Plan};
use lesson04::server::{self, BACKLOG, LIMITS};

const USAGE: &str = "\
usage:
  cargo run -p lesson04 [-- OPTIONS]          serve the note's routes, one log line per request
  lesson04 serve --addr ADDR [OPTIONS]        the same for scripts: no log, prints
                                              `listening on http://ADDR` once listening
  lesson04 load [--addr ADDR] [--connections C] [--requests N] [--path PATH]
                                              N requests over C connections, measured
  lesson04 load ... --duration S [--warmup W] C connections kept busy W + S seconds,
                                              only the last S counted
  lesson04 bench [--connections C] [--requests N | --duration S] [--backlog B] [--no-sleep]
                                              serve in a child process and load it

serving options:
  --addr ADDR     where to listen (default 127.0.0.1:8000)
  --no-sleep      handlers answer at once instead of after 0.5 s
  --backlog B     accept queue asked of the kernel (default 8192; TcpListener::bind asks 128)
  --workers W     runtime worker threads (default: one per core)
  --quiet         no line per request";

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

/// Options shared by the modes; each mode reads the ones it uses.
#[derive(Debug)]
struct Options {
    addr: SocketAddr,
    sleep: bool,
    backlog: u32,
    workers: Option<usize>,
    quiet: bool,
    connections: usize,
    requests: usize,
    /// `--duration`: measure a window of this many seconds instead of a count.
    duration: Option<Duration>,
    warmup: Duration,
    path: String,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        addr: DEFAULT_ADDR.parse().expect("the default address parses"),
        sleep: true,
        backlog: BACKLOG,
        workers: None,
        quiet: false,
        connections: 1000,
        requests: 1000,
        duration: None,
        warmup: Duration::from_secs(2),
        path: "/hello/load".to_string(),
    };
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

fn number(flag: &str, s: &str, min: usize, max: usize) -> Result<usize, String> {
    match s.replace('_', "").parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
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
            let mut o = parse(&args[1..])?;
            o.quiet = true;
            serve(&o, true)
        }
        Some("load") => load_only(&parse(&args[1..])?),
        Some("bench") => bench(&parse(&args[1..])?),
        _ => serve(&parse(args)?, false),
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
            announce(addr, config);
        }
        let stop = async {
            if for_scripts {
                stop_signal().await;
            } else {
                // Interactive: Ctrl-C, or the end of an input that is not a terminal.
                tokio::select! {
                    () = stop_signal() => {}
                    () = stdin_closed() => {}
                }
            }
        };
        server::serve(listener, app::router(config), LIMITS, stop).await;
        if !for_scripts {
            println!("stopped: every request in flight was answered");
        }
        Ok(())
    })
}
// ANCHOR_END: main_serve

fn announce(addr: SocketAddr, config: Config) {
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
    println!("Ctrl-C stops the server, letting requests in flight finish.");
}

/// Completes when standard input ends, if it is not a terminal: at once
/// when the program was started with no input at all (as test runners and
/// other tools start programs), so that the interactive mode never
/// outlives whoever started it. A terminal is never read (a program in the
/// background that reads its terminal is stopped by the shell), so from a
/// terminal only Ctrl-C stops the server. `serve` does not watch its input.
async fn stdin_closed() {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return std::future::pending().await;
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = tx.send(());
    });
    let _ = rx.await;
}

/// Completes on Ctrl-C, or on SIGTERM where there is one.
async fn stop_signal() {
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
        () = ctrl_c => {}
        () = terminate => {}
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
            let rounds = n.div_ceil(report.plan.connections);
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
                "server: pid {}, {addr}, backlog {}, {}",
                child.id(),
                o.backlog,
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
            kib as f64 / o.connections as f64
        );
    } else if cfg!(not(target_os = "linux")) {
        println!("server's peak memory: measured on Linux only");
    }
    Ok(())
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
