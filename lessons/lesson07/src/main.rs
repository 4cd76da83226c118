//! Lesson 07's program: the chat server, and a measurement of it.
//!
//! ```text
//! cargo run -p lesson07 [-- --addr HOST:PORT] [--tcp HOST:PORT]
//!     The page on http://127.0.0.1:8070/ and the line protocol on
//!     127.0.0.1:8071 (`nc 127.0.0.1 8071`), one room for both, until
//!     Ctrl-C or SIGTERM; then every client is told and the server waits up
//!     to 5 s for them. Quiet: RUST_LOG=lesson07=info shows the log.
//!
//! lesson07 measure [--clients N] [--messages M] [--rate R] [--python]
//!     Starts this server (or with --python the asyncio twin too) in a
//!     child process, connects N line-protocol clients, and has each send M
//!     messages, R messages a second in all; prints fan-out latency, lines
//!     delivered per second, the server's CPU time and peak memory.
//! ```
//!
//! None of it uses the exercises, so it runs before you have solved any.

use std::process::ExitCode;
use std::time::Duration;

use lesson07::limits::Limits;
use lesson07::server::{self, Config};
use lesson07::{logs, measure};
use lessonkit::{Args, say};

const USAGE: &str = "\
usage:
  cargo run -p lesson07 [-- --addr HOST:PORT] [--tcp HOST:PORT]
        the chat server: a page for browsers and a line protocol for nc,
        one room for both, until Ctrl-C or SIGTERM
  lesson07 measure [--clients N] [--messages M] [--rate R] [--python]
        N clients each send M messages (R a second in all) through a server
        started for the purpose; fan-out latency, lines per second, the
        server's CPU time and peak memory (--python: the asyncio twin too)

options:
  --addr HOST:PORT   the page and its WebSocket (default 127.0.0.1:8070)
  --tcp HOST:PORT    the line protocol (default 127.0.0.1:8071)
  --clients N        measure: clients connected at once (default 1000)
  --messages M       measure: messages each client sends (default 2)
  --rate R           measure: messages a second into the room (default 200)
  --python           measure: the Python twin as well (Python 3.11 or later:
                     $PYTHON, else python3 or python; py -3 on Windows)

RUST_LOG=lesson07=info (or debug) logs each client's span to standard error.";

/// How long the clients get to say goodbye when the server stops.
const DEADLINE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => lessonkit::bad_argument("lesson07", message),
    }
}

fn run() -> Result<ExitCode, String> {
    use lessonkit::args::Arg::{Long, Short, Value};
    let mut args = Args::from_env();
    let mut config = Config {
        web: "127.0.0.1:8070".parse().expect("a valid address"),
        tcp: "127.0.0.1:8071".parse().expect("a valid address"),
        limits: Limits::default(),
    };
    let mut plan = measure::Plan::default();
    let mut measuring = false;
    let mut python = false;
    while let Some(arg) = args.next()? {
        match arg {
            Long("addr") => config.web = args.parse(ADDRESS, |s| s.parse().ok())?,
            Long("tcp") => config.tcp = args.parse(ADDRESS, |s| s.parse().ok())?,
            Value(v) if v == "measure" && !measuring => measuring = true,
            Long("clients") if measuring => plan.clients = args.number(1, 20_000)?,
            Long("messages") if measuring => plan.messages = args.number(1, 1000)?,
            Long("rate") if measuring => plan.rate = args.number(1, 100_000)?,
            Long("python") if measuring => python = true,
            Short('h') | Long("help") => {
                say!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("{} (--help lists the options)", other.unexpected())),
        }
    }
    logs::init()?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start tokio: {e}"))?;
    if measuring {
        return runtime
            .block_on(measure::run(plan, python))
            .map(|()| ExitCode::SUCCESS);
    }
    runtime.block_on(chat(config))
}

/// What `--addr` and `--tcp` take, for their errors.
const ADDRESS: &str = "HOST:PORT with an IP address, such as 127.0.0.1:8070";

async fn chat(config: Config) -> Result<ExitCode, String> {
    if config.web == config.tcp && config.web.port() != 0 {
        return Err(format!(
            "--addr and --tcp are both {}: this server would listen there twice, for the page \
             and for the line protocol; give them different ports",
            config.web
        ));
    }
    let running = server::start(config).await.map_err(|e| e.to_string())?;
    say!("page:          http://{}/", running.web);
    say!(
        "line protocol: {} (try: nc {} {})",
        running.tcp,
        running.tcp.ip(),
        running.tcp.port()
    );
    say!("Ctrl-C stops the server.");
    let why = stopped().await;
    say!(
        "{why}: telling every client, waiting up to {} s",
        DEADLINE.as_secs()
    );
    if running.shutdown(DEADLINE).await {
        say!("every client was told; stopped.");
    } else {
        say!(
            "some clients were still being written to after {} s; stopped anyway.",
            DEADLINE.as_secs()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Waits for Ctrl-C, or on Unix also SIGTERM (what `kill` and service
/// managers send), and says which came.
async fn stopped() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "Ctrl-C",
                _ = term.recv() => "SIGTERM",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "Ctrl-C"
}
