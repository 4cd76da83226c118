//! Lesson 03's program: the seed's `wget.py`, rewritten.
//!
//! `cargo run -p lesson03 -- [--limit N] [--timeout SECONDS] URL...` fetches
//! the URLs concurrently and prints each one's status, headers and body size
//! as it arrives, then a summary. With no URL it starts small servers on
//! 127.0.0.1 and fetches from them, so it works offline. It needs none of
//! the exercises, so it works before you have solved any.

use std::process::ExitCode;
use std::time::Duration;

use lesson03::servers::LocalServers;
use lesson03::{lowered, wget};

const USAGE: &str = "\
usage: cargo run -p lesson03 -- [--limit N] [--timeout SECONDS] [URL...]

Fetches every URL at once (at most N at a time, 4 unless told), each under
its own timeout (10 s unless told), printing results as they arrive.
A bare host name means http://HOST/. With no URL, it starts servers on
127.0.0.1 and fetches from those: every kind of answer and failure, offline.
https:// URLs need the `https` feature:
  cargo run -p lesson03 --features https -- https://example.com/";

/// The demo's timeout: short, since `/slow` is there to run it out.
const DEMO_TIMEOUT: Duration = Duration::from_millis(500);

// One thread is enough for IO-bound work, as the note says; it also keeps the
// laziness demo's order the same on every run.
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args).await {
        Ok(true) => ExitCode::SUCCESS,
        // Some URL failed: say so in the exit code, like wget does.
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("lesson03: {message}");
            ExitCode::from(2)
        }
    }
}

/// Ok(whether every URL answered), or a usage error.
async fn run(args: Vec<String>) -> Result<bool, String> {
    let mut options = wget::Options::default();
    let mut urls = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(true);
            }
            "--limit" => {
                let n = args.next().ok_or("--limit needs a number")?;
                options.limit = match n.parse() {
                    Ok(n) if (1..=1000).contains(&n) => n,
                    _ => return Err(format!("--limit takes 1 to 1000, not {n:?}")),
                };
            }
            "--timeout" => {
                let s = args.next().ok_or("--timeout needs a number of seconds")?;
                options.timeout = match s.parse::<f64>() {
                    Ok(t) if t > 0.0 && t <= 3600.0 => Duration::from_secs_f64(t),
                    _ => return Err(format!("--timeout takes 0 to 3600 seconds, not {s:?}")),
                };
            }
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag:?}\n\n{USAGE}"));
            }
            _ => urls.push(arg),
        }
    }

    let mut out = std::io::stdout();
    if urls.is_empty() {
        show_laziness().await;
        let servers = LocalServers::start()
            .await
            .map_err(|e| format!("could not start the local servers: {e}"))?;
        let urls = servers.demo_urls();
        options.timeout = DEMO_TIMEOUT;
        println!(
            "No URL given: fetching {} URLs from servers on 127.0.0.1 instead.",
            urls.len()
        );
        let (summary, _) = wget::run(&wget::client(false), &urls, options, &mut out)
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "\nNext: the exercises. Open lessons/lesson03/src/ex1_all_or_nothing.rs, then run"
        );
        println!("  cargo test -p lesson03");
        // The failures were the point of the demo: it only fails if
        // something answered that should not have.
        Ok(summary.answered == 3)
    } else {
        let (summary, _) = wget::run(&wget::client(true), &urls, options, &mut out)
            .await
            .map_err(|e| e.to_string())?;
        Ok(summary.failed == 0)
    }
}

async fn show_laziness() {
    println!("Futures are lazy; spawned tasks are not. The log of lowered::lazy_versus_spawned:");
    for line in lowered::lazy_versus_spawned().await {
        println!("  {line}");
    }
    let (holds, drops) = lowered::future_sizes();
    println!(
        "A future that keeps a 1 KiB buffer across .await is {holds} bytes; one that drops it first is {drops}.\n"
    );
}
