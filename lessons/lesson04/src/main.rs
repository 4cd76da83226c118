//! Lesson 04's program: the note's HTTP server, and a load client to see
//! passage P7's "many users at once" for yourself.
//!
//! `cargo run -p lesson04` serves the note's two routes on 127.0.0.1:8000,
//! logging each request, until Ctrl-C or SIGTERM; requests in flight are
//! allowed to finish. `lesson04 serve --addr ADDR` is the same server for
//! scripts (and for `bench/`, which measures it from outside): it logs
//! nothing and prints exactly one line, `listening on http://ADDR`, once it
//! listens. `lesson04 load` sends N requests over C connections to a server
//! on this machine and compares the rate with Little's law.
//!
//! None of it uses the exercises, so it runs before you have solved any.

use std::cell::Cell;
use std::ffi::OsString;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use lesson04::app::{self, Config};
use lesson04::load::{self, Plan};
use lesson04::server::{self, BACKLOG, LIMITS, Stop};
use lessonkit::{Args, say};

const USAGE: &str = "\
usage:
  cargo run -p lesson04 [-- OPTIONS]   serve the note's routes, one log line per request,
                                       until Ctrl-C or SIGTERM (also in the background)
  lesson04 serve --addr ADDR [OPTIONS] the same for scripts: no log, prints
                                       `listening on http://ADDR` once listening
  lesson04 load [--addr ADDR] [--connections C] [--requests N] [--no-sleep]
                                       N requests over C connections at once, against
                                       Little's law (C / 0.5 s)

options:
  --addr ADDR     where to listen, or where load sends (default 127.0.0.1:8000)
  --no-sleep      handlers answer at once instead of after 0.5 s (load: the server
                  was started so, and no Little's-law line is printed)
  --backlog B     accept queue asked of the kernel (default 8192; TcpListener::bind asks 128)
  --workers W     the server's runtime worker threads (default: one per core)
  --quiet         no line per request (serve never logs)
  --stop-when-input-ends
                  also stop when standard input ends (for tools that start the
                  server with a pipe); otherwise only Ctrl-C or SIGTERM stop it
  --connections C load: connections at once (default 1000)
  --requests N    load: requests in all (default 1000)";

/// The server's options, in both serving modes.
const SERVING: &[&str] = &[
    "addr",
    "no-sleep",
    "backlog",
    "workers",
    "quiet",
    "stop-when-input-ends",
];
/// The load client's options.
const LOADING: &[&str] = &["addr", "no-sleep", "connections", "requests"];

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    match parse(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => lessonkit::bad_argument("lesson04", message),
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// `cargo run -p lesson04`: serve and log.
    Interactive,
    Serve,
    Load,
    Help,
}

#[derive(Debug)]
struct Options {
    mode: Mode,
    addr: SocketAddr,
    sleep: bool,
    backlog: u32,
    workers: Option<usize>,
    quiet: bool,
    stop_when_input_ends: bool,
    connections: usize,
    requests: usize,
}

/// The command line. An option the mode does not use is refused with one
/// line, rather than accepted while the output suggests it applied.
fn parse(args: &[OsString]) -> Result<Options, String> {
    use lessonkit::args::Arg::{Long, Short, Value};
    let (mode, rest) = match args.first().and_then(|a| a.to_str()) {
        Some("serve") => (Mode::Serve, &args[1..]),
        Some("load") => (Mode::Load, &args[1..]),
        Some("help") => (Mode::Help, &args[1..]),
        _ => (Mode::Interactive, args),
    };
    let mut o = Options {
        mode,
        addr: SocketAddr::from(([127, 0, 0, 1], 8000)),
        sleep: true,
        backlog: BACKLOG,
        workers: None,
        quiet: mode == Mode::Serve,
        stop_when_input_ends: false,
        connections: 1000,
        requests: 1000,
    };
    let (takes, what) = match mode {
        Mode::Load => (LOADING, "load"),
        _ => (SERVING, "the server"),
    };
    let mut args = Args::from_args(rest);
    while let Some(arg) = args.next()? {
        match arg {
            Short('h') | Long("help") => o.mode = Mode::Help,
            Long(flag)
                if !takes.contains(&flag) && SERVING.iter().chain(LOADING).any(|f| *f == flag) =>
            {
                let takes = takes.join(" --");
                return Err(format!(
                    "--{flag} does not apply to {what}; it takes --{takes}"
                ));
            }
            Long("addr") => o.addr = args.parse(ADDRESS, |s| s.parse().ok())?,
            Long("no-sleep") => o.sleep = false,
            Long("quiet") => o.quiet = true,
            Long("stop-when-input-ends") => o.stop_when_input_ends = true,
            Long("backlog") => o.backlog = args.number(1, 1 << 20)?,
            Long("workers") => o.workers = Some(args.number(1, 1024)?),
            Long("connections") => o.connections = args.number(1, 100_000)?,
            Long("requests") => o.requests = args.number(1, 10_000_000)?,
            Value(v) => {
                let v = v.to_string_lossy();
                return Err(format!(
                    "unexpected argument {v:?}: the modes are serve and load (--help lists the options)"
                ));
            }
            other => return Err(format!("{} (--help lists the options)", other.unexpected())),
        }
    }
    Ok(o)
}

/// What `--addr` takes, for its error.
const ADDRESS: &str = "an IP address and a port, like 127.0.0.1:8000 or [::1]:8000";

fn run(o: Options) -> Result<(), String> {
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = o.workers {
        runtime.worker_threads(n);
    }
    let runtime = runtime
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the tokio runtime: {e}"))?;
    match o.mode {
        Mode::Help => {
            say!("{USAGE}");
            Ok(())
        }
        Mode::Load => runtime.block_on(load_and_report(&o)),
        Mode::Interactive | Mode::Serve => runtime.block_on(serve(&o)),
    }
}

async fn serve(o: &Options) -> Result<(), String> {
    let config = Config {
        sleep: if o.sleep { app::SLEEP } else { Duration::ZERO },
        log: !o.quiet,
    };
    let listener = server::bind(o.addr, o.backlog).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if o.mode == Mode::Serve {
        say!("listening on http://{addr}");
    } else {
        announce(addr, config, o.stop_when_input_ends);
    }
    // Why the server stopped, to say so afterwards.
    let why = Cell::new(None);
    let stop = async {
        why.set(Some(server::stop_signal(o.stop_when_input_ends).await));
    };
    let drained = server::serve(listener, app::router(config), LIMITS, stop).await;
    let why = why.get().map_or("stopped", Stop::describe);
    let after = if drained {
        "every request in flight was answered".to_string()
    } else {
        let grace = LIMITS.shutdown_grace.as_secs();
        format!("gave up on the requests still in flight after {grace} s")
    };
    if o.mode == Mode::Serve {
        // Standard output holds only the one `listening on` line.
        eprintln!("lesson04: {why}; {after}");
    } else {
        say!("{why}; {after}");
    }
    Ok(())
}

fn announce(addr: SocketAddr, config: Config, stop_when_input_ends: bool) {
    let shown = if addr.ip().is_unspecified() {
        SocketAddr::new([127, 0, 0, 1].into(), addr.port())
    } else {
        addr
    };
    say!("Serving the note's two routes on http://{addr}");
    say!("  open  http://{shown}/");
    say!("  and   http://{shown}/hello/world");
    if config.sleep.is_zero() {
        say!("(--no-sleep: the handlers answer at once)");
    } else {
        let ms = config.sleep.as_millis();
        say!("(each answer waits {ms} ms, as the note's did)");
    }
    let input = if stop_when_input_ends {
        ", SIGTERM or the end of standard input"
    } else {
        ""
    };
    say!("Ctrl-C{input} stops the server, letting requests in flight finish.");
}

/// `load`: the requests, the report, and what Little's law allows.
async fn load_and_report(o: &Options) -> Result<(), String> {
    if !o.addr.ip().is_loopback() {
        return Err(format!(
            "load sends only to this machine (127.0.0.0/8 or [::1]), not to {}: a load test \
             is for your own server",
            o.addr
        ));
    }
    let plan = Plan {
        addr: o.addr,
        connections: o.connections,
        requests: o.requests,
    };
    let report = load::run(plan).await;
    say!("{report}");
    if o.sleep {
        let limit = report.limit(app::SLEEP);
        let rounds = o.requests.div_ceil(report.plan.busy());
        let best = rounds as f64 * app::SLEEP.as_secs_f64();
        let reached = 100.0 * report.requests_per_second() / limit;
        say!(
            "Little's law: {limit:.0} req/s at most (connections / 0.5 s); {} requests need \
             {rounds} round(s) of 0.5 s = {best:.1} s at best; reached {reached:.1}%",
            o.requests
        );
    }
    if report.ok == 0 {
        return Err("no request succeeded".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> Result<Options, String> {
        let args: Vec<OsString> = line.split_whitespace().map(OsString::from).collect();
        parse(&args)
    }

    /// An option a mode would ignore is refused with one line that says
    /// so, never accepted while the output suggests it applied; what each
    /// mode uses still parses.
    #[test]
    fn options_a_mode_does_not_use_are_refused() {
        for (line, says) in [
            ("load --backlog 100", "--backlog does not apply to load"),
            ("load --quiet", "--quiet does not apply to load"),
            (
                "load --stop-when-input-ends",
                "--stop-when-input-ends does not apply to load",
            ),
            (
                "serve --requests 5",
                "--requests does not apply to the server",
            ),
            (
                "--connections 10",
                "--connections does not apply to the server",
            ),
            ("load --tiemout 5", "invalid option '--tiemout'"),
            ("dance", "unexpected argument \"dance\""),
        ] {
            let e = parsed(line).expect_err(line);
            assert!(e.starts_with(says), "{line:?}: {e}");
            assert!(!e.contains('\n'), "one line, not {e:?}");
        }
        let o = parsed("load --connections 5 --requests 5 --no-sleep").unwrap();
        assert_eq!(
            (o.mode, o.connections, o.requests, o.sleep),
            (Mode::Load, 5, 5, false)
        );
        let o = parsed("serve --addr 127.0.0.1:0 --backlog 128 --workers 1 --no-sleep").unwrap();
        assert_eq!(
            (o.mode, o.backlog, o.workers, o.quiet),
            (Mode::Serve, 128, Some(1), true)
        );
        assert!(parsed("--stop-when-input-ends --quiet").is_ok());
    }

    /// The ranges come from lessonkit::number, whose message names them;
    /// a bad address is one line with an example.
    #[test]
    fn bad_values_name_what_is_allowed() {
        let e = parsed("load --connections 0").unwrap_err();
        assert_eq!(
            e,
            "--connections takes a number from 1 to 100000, not \"0\""
        );
        let e = parsed("--addr localhost").unwrap_err();
        assert!(
            e.starts_with("--addr takes an IP address and a port"),
            "{e}"
        );
        assert!(
            parsed("serve --workers")
                .unwrap_err()
                .contains("missing argument")
        );
    }
}
