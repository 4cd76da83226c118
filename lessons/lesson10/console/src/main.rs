//! `cargo run` (from this folder): the server with a stuck task and a busy
//! one, and the console's endpoint for tokio-console to attach to.
//!
//! It runs until Ctrl-C, or for `--seconds N`. Options: `--console ADDR`
//! (where the endpoint listens; 127.0.0.1:6669, tokio-console's default).

use std::process::ExitCode;
use std::time::Duration;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

const USAGE: &str = "usage: cargo run -- [--console ADDR] [--seconds N]";

struct Options {
    console: std::net::SocketAddr,
    seconds: Option<u64>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        console: ([127, 0, 0, 1], 6669).into(),
        seconds: None,
    };
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--console" => {
                let text = value()?;
                options.console = text.parse().map_err(|_| {
                    format!("--console {text:?}: not an address like 127.0.0.1:6669")
                })?;
            }
            "--seconds" => {
                let text = value()?;
                let n = text
                    .parse()
                    .map_err(|_| format!("--seconds {text:?}: not a whole number"))?;
                options.seconds = Some(n);
            }
            "--help" | "-h" => return Err(USAGE.to_string()),
            other => return Err(format!("unexpected argument {other:?}\n{USAGE}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("lesson10-console: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build();
    match runtime.map(|runtime| runtime.block_on(run(options))) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) | Err(e) => {
            eprintln!("lesson10-console: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(options: Options) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(options.console)
        .await
        .map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot listen on {}: {e}", options.console),
            )
        })?;
    let console = listener.local_addr()?;
    let layer = lesson10_console::serve_console(listener, Duration::from_secs(1));
    tracing_subscriber::registry().with(layer).init();
    let demo = lesson10_console::start().await?;
    println!(
        "echo server on {} (try: nc {} {})",
        demo.addr,
        demo.addr.ip(),
        demo.addr.port()
    );
    println!("console endpoint on http://{console}");
    println!("in another terminal:");
    println!("  cargo install --locked tokio-console   # once");
    println!("  tokio-console http://{console}");
    println!(
        "then find the task named {:?} (idle, never woken) and {:?} (busy, never yielded)",
        lesson10_console::STUCK,
        lesson10_console::BUSY
    );
    match options.seconds {
        Some(n) => tokio::time::sleep(Duration::from_secs(n)).await,
        None => {
            println!("Ctrl-C ends it.");
            tokio::signal::ctrl_c().await?;
        }
    }
    demo.stop();
    Ok(())
}
