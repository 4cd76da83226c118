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
use lessonkit::{Args, say};

const USAGE: &str = "\
usage: cargo run -p lesson03 -- [--limit N] [--timeout SECONDS] [URL...]

Fetches every URL at once (at most N at a time: 1 to 1000, 4 unless told),
each under its own timeout (0.001 to 3600 seconds; 10 s unless told, 0.5 s
for the offline demo), printing results as they arrive.
A bare host name means http://HOST/. With no URL, it starts servers on
127.0.0.1 and fetches from those: every kind of answer and failure, offline.
https:// URLs, and redirects to them, need the `https` feature:
  cargo run -p lesson03 --features https -- https://example.com/";

/// The demo's timeout: short, since `/slow` is there to run it out.
const DEMO_TIMEOUT: Duration = Duration::from_millis(500);

// One thread is enough for IO-bound work, as the note says; it also keeps the
// laziness demo's order the same on every run.
#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run(Args::from_env()).await {
        Ok(true) => ExitCode::SUCCESS,
        // Some URL failed: say so in the exit code, like wget does.
        Ok(false) => ExitCode::from(1),
        Err(message) => lessonkit::bad_argument("lesson03", message),
    }
}

/// The command line: options, whether `--timeout` was given, and the URLs;
/// `None` for `--help`.
type Parsed = (wget::Options, bool, Vec<String>);

fn parse_args(mut args: Args) -> Result<Option<Parsed>, String> {
    use lessonkit::args::Arg::{Long, Short, Value};
    let (mut options, mut timeout_given, mut urls) = (wget::Options::default(), false, Vec::new());
    while let Some(arg) = args.next()? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("limit") => options.limit = args.number(1, 1000)?,
            Long("timeout") => {
                options.timeout = Duration::from_secs_f64(args.number(0.001, 3600.0)?);
                timeout_given = true;
            }
            Value(url) => urls.push(url.to_string_lossy().into_owned()),
            other => return Err(format!("{} (--help lists the options)", other.unexpected())),
        }
    }
    Ok(Some((options, timeout_given, urls)))
}

/// Ok(whether every URL answered), or a usage error.
async fn run(args: Args) -> Result<bool, String> {
    let Some((mut options, timeout_given, urls)) = parse_args(args)? else {
        say!("{USAGE}");
        return Ok(true);
    };

    // Output that ends the program quietly if its reader goes (`| head`).
    let mut out = lessonkit::Stdout;
    if urls.is_empty() {
        show_laziness().await;
        let servers = LocalServers::start()
            .await
            .map_err(|e| format!("could not start the local servers: {e}"))?;
        let urls = servers.demo_urls();
        if !timeout_given {
            options.timeout = DEMO_TIMEOUT;
        }
        say!(
            "No URL given: fetching {} URLs from servers on 127.0.0.1 instead.",
            urls.len()
        );
        let (summary, _) = wget::run(&wget::client(false), &urls, options, &mut out)
            .await
            .map_err(|e| e.to_string())?;
        say!("\nNext: the exercises. `cargo course 03` grades them and names the one to open");
        say!("(its file and line), or `cargo course` every lesson.");
        // The failures were the point of the demo: it only fails if
        // something answered that should not have.
        // (`/slow` answers too under a --timeout longer than its wait.)
        Ok(summary.answered == 4 + usize::from(options.timeout > lesson03::servers::SLOW))
    } else {
        let (summary, _) = wget::run(&wget::client(true), &urls, options, &mut out)
            .await
            .map_err(|e| e.to_string())?;
        Ok(summary.failed == 0)
    }
}

async fn show_laziness() {
    say!("Futures are lazy; spawned tasks are not. The log of lowered::lazy_versus_spawned:");
    for line in lowered::lazy_versus_spawned().await {
        say!("  {line}");
    }
    let (holds, drops) = lowered::future_sizes();
    say!(
        "A future that keeps a 1 KiB buffer across .await is {holds} bytes; one that drops it first is {drops}.\n"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Parsed>, String> {
        parse_args(Args::from_args(args))
    }

    /// Each option accepts exactly the range its message states: both ends,
    /// and nothing just outside them.
    #[test]
    fn options_accept_the_range_they_name() {
        for (flag, ok, bad, says) in [
            (
                "--limit",
                &["1", "1000"],
                &["0", "1001", "-1", "many"],
                "from 1 to 1000,",
            ),
            (
                "--timeout",
                &["0.001", "3600"],
                &["0", "1e-300", "3600.5", "NaN"],
                "from 0.001 to 3600,",
            ),
        ] {
            for v in ok {
                assert!(parse(&[flag, v]).is_ok(), "{flag} {v}");
            }
            for v in bad {
                let e = parse(&[flag, v]).unwrap_err();
                assert!(e.contains(says), "{flag} {v}: {e}");
            }
        }
    }

    /// The demo's short timeout is a default: a `--timeout` given applies.
    #[test]
    fn a_given_timeout_is_kept() {
        let (options, given, urls) = parse(&["--timeout", "2"]).unwrap().unwrap();
        assert_eq!(
            (options.timeout, given, urls.len()),
            (Duration::from_secs(2), true, 0)
        );
        let (options, given, _) = parse(&["--limit", "3", "x.test"]).unwrap().unwrap();
        assert_eq!((options.limit, given), (3, false));
        assert!(
            parse(&["--tiemout", "5"])
                .unwrap_err()
                .starts_with("invalid option '--tiemout'")
        );
    }
}
