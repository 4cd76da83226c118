//! `axum-reference --addr 127.0.0.1:PORT [--no-sleep] [--workers W]`: the
//! benchmark's reference server, the note's two routes served by a bare
//! `axum::serve` with no limits and no layers.
//!
//! It is lesson 04 without what lesson 04 adds (the accept backlog, hyper's
//! timer and header limits, the 414/503/413 layers, graceful shutdown with a
//! grace), so the benchmark's page shows what those cost and where axum's
//! own ceiling is on this machine. It lives in bench/, not as a hidden mode
//! of lesson04: the lesson's program is read by learners and refuses options
//! it does not teach, and the reference must not change when the lesson
//! does. Not for serving anything: a client that sends one byte a minute
//! holds its connection forever here.
//!
//! Prints nothing; stops on SIGINT or SIGTERM (after the connections it
//! holds close, as `axum::serve`'s graceful shutdown does). Exit status 2,
//! with one line on stderr, on a bad option or an address it cannot bind.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::response::Html;
use axum::routing::get;

/// The note's handler sleep, as in lesson 04 (`asyncio.sleep(0.5)`).
const SLEEP: Duration = Duration::from_millis(500);

struct Options {
    addr: SocketAddr,
    sleep: bool,
    workers: Option<usize>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 8000)),
        sleep: true,
        workers: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => {
                let v = value()?;
                o.addr = v
                    .parse()
                    .map_err(|_| format!("--addr takes IP:PORT, not {v:?}"))?;
            }
            "--no-sleep" => o.sleep = false,
            "--workers" => {
                let v = value()?;
                o.workers = Some(
                    v.parse()
                        .ok()
                        .filter(|n| (1..=1024).contains(n))
                        .ok_or_else(|| format!("--workers takes 1 to 1024, not {v:?}"))?,
                );
            }
            other => {
                return Err(format!(
                    "unexpected argument {other:?}; usage: axum-reference --addr IP:PORT [--no-sleep] [--workers W]"
                ));
            }
        }
    }
    Ok(o)
}

/// The note's routes, like lesson 04's `app::router` without its layers.
fn router(sleep: bool) -> Router {
    let pause = move || async move {
        if sleep {
            tokio::time::sleep(SLEEP).await;
        }
    };
    Router::new()
        .route(
            "/",
            get(move || async move {
                pause().await;
                Html("<h1>Index</h1>")
            }),
        )
        .route(
            "/hello/{name}",
            get(move |Path(name): Path<String>| async move {
                pause().await;
                Html(format!(
                    "<h1>hello, {}!</h1>",
                    html_escape::encode_text(&name)
                ))
            }),
        )
}

async fn serve(o: Options) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(o.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", o.addr))?;
    axum::serve(listener, router(o.sleep))
        .with_graceful_shutdown(stopped())
        .await
        .map_err(|e| format!("serving failed: {e}"))
}

/// SIGINT or SIGTERM (the benchmark stops its servers with either).
#[cfg(unix)]
async fn stopped() {
    use tokio::signal::unix::{SignalKind, signal};
    match (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) {
        (Ok(mut int), Ok(mut term)) => {
            tokio::select! {
                _ = int.recv() => {}
                _ = term.recv() => {}
            }
        }
        _ => std::future::pending().await,
    }
}

/// Ctrl-C, elsewhere.
#[cfg(not(unix))]
async fn stopped() {
    let _ = tokio::signal::ctrl_c().await;
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = parse(&args).and_then(|o| {
        let mut runtime = tokio::runtime::Builder::new_multi_thread();
        if let Some(w) = o.workers {
            runtime.worker_threads(w);
        }
        runtime
            .enable_all()
            .build()
            .map_err(|e| format!("no runtime: {e}"))?
            .block_on(serve(o))
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("axum-reference: {message}");
            ExitCode::from(2)
        }
    }
}
