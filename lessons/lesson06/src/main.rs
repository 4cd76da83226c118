//! Lesson 06's program: `cargo run -p lesson06 [-- PART] [OPTIONS]`.
//!
//! With no part it runs them all in turn: the demos of each kind of
//! channel and stream (on tokio's paused clock, so they print the same on
//! every run), the memory of a bounded and an unbounded queue over time,
//! the pipeline against a stand-in server on 127.0.0.1, and messages per
//! second through a queue in Rust and in Python. It needs none of the
//! exercises, so it works before you have solved any.

use std::future::Future;
use std::process::{ExitCode, Stdio};
use std::time::Duration;

use lesson06::queues::{self, Queue};
use lesson06::servers::PageServer;
use lesson06::{actor, framing, pipeline, pubsub, streams};
use lessonkit::{Args, say};

const USAGE: &str = "\
usage: cargo run -p lesson06 -- [PART] [OPTIONS]

parts (all of them when none is given):
  demos     each kind of channel and stream, on tokio's paused clock
  memory    a bounded and an unbounded queue behind a slow consumer, 1 s each
  pipeline  URLs -> N fetchers -> writer over bounded queues, against a
            server on 127.0.0.1, printing the queues' depths (Ctrl-C drains
            and stops it); --pages 1 to 1000 (11), plus /missing, a page
            the server does not have (a 404 the pipeline must report), so
            12 URLs unless told; --fetchers 1 to 64 (3), --capacity 1 to
            1000 (4: each queue's, and how many results may wait unprinted,
            so fetchers beyond it wait); --buffered: the same with
            stream::iter(..).map(fetch).buffered(fetchers) instead
  speed     messages per second through a bounded queue, Rust and Python
            (3.11 or later: $PYTHON, else python3 or python, py -3 on
            Windows); --messages 1000 to 100000000 (1000000)

An option belongs to its part: with another part it is refused.";

/// The command line.
#[derive(Debug, Clone, PartialEq)]
struct Options {
    part: Option<String>,
    pages: u32,
    fetchers: usize,
    capacity: usize,
    messages: u64,
    /// The pipeline's short form, `buffered`, instead of its stages.
    buffered: bool,
    /// Internal: the memory run of one queue, in a fresh process.
    memory_of: Option<Queue>,
}

/// Which part takes which option; with no part, every part runs and each
/// option goes to its own.
fn part_of(option: &str) -> &'static str {
    match option {
        "messages" => "speed",
        "memory-of" => "memory",
        _ => "pipeline",
    }
}

fn parse_args(mut args: Args) -> Result<Option<Options>, String> {
    use lessonkit::args::Arg::{Long, Short, Value};
    let mut parsed = Options {
        part: None,
        pages: 11,
        fetchers: 3,
        capacity: 4,
        messages: 1_000_000,
        buffered: false,
        memory_of: None,
    };
    // The options given, to check against the part once it is known.
    let mut given: Vec<String> = Vec::new();
    while let Some(arg) = args.next()? {
        if let Long(option) = arg {
            given.push(option.to_string());
        }
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("pages") => parsed.pages = args.number(1, 1000)?,
            Long("fetchers") => parsed.fetchers = args.number(1, 64)?,
            Long("capacity") => parsed.capacity = args.number(1, 1000)?,
            Long("messages") => parsed.messages = args.number(1000, 100_000_000)?,
            Long("buffered") => parsed.buffered = true,
            Long("memory-of") => {
                parsed.memory_of = Some(args.parse("bounded or unbounded", |s| match s {
                    "bounded" => Some(Queue::Bounded),
                    "unbounded" => Some(Queue::Unbounded),
                    _ => None,
                })?)
            }
            Value(part) if parsed.part.is_none() => {
                let part = part.to_string_lossy();
                if !["demos", "memory", "pipeline", "speed"].contains(&&*part) {
                    return Err(format!("no part called {part:?} (--help lists them)"));
                }
                parsed.part = Some(part.into_owned());
            }
            other => return Err(format!("{} (--help lists the options)", other.unexpected())),
        }
    }
    if let Some(part) = &parsed.part
        && let Some(option) = given.iter().find(|o| part_of(o) != part)
    {
        let owner = part_of(option);
        return Err(format!(
            "{part} takes no --{option} (it is an option of {owner}; --help lists them)"
        ));
    }
    if parsed.buffered && given.iter().any(|o| o == "capacity") {
        return Err(
            "--buffered takes no --capacity: buffered(n) has no queues, its n is --fetchers"
                .to_string(),
        );
    }
    Ok(Some(parsed))
}

fn main() -> ExitCode {
    let args = match parse_args(Args::from_env()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => return lessonkit::bad_argument("lesson06", message),
    };
    if let Some(queue) = args.memory_of {
        memory_child(queue);
        return ExitCode::SUCCESS;
    }
    let all = args.part.is_none();
    let part = |name: &str| all || args.part.as_deref() == Some(name);
    if part("demos") {
        on_paused_clock(demos());
    }
    if part("memory") {
        memory();
    }
    if part("pipeline")
        && let Err(e) = real_time_runtime().block_on(run_pipeline(&args))
    {
        eprintln!("lesson06: {e}");
        return ExitCode::FAILURE;
    }
    if part("speed") {
        speed(args.messages);
    }
    if all {
        say!("\nNext: the exercises. `cargo course 06` grades them and names the one to open");
        say!("(its file and line), or `cargo course` every lesson.");
    }
    ExitCode::SUCCESS
}

/// A current-thread runtime: one thread, as asyncio has.
fn real_time_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("could not start a tokio runtime")
}

/// Runs `demo` on tokio's paused clock: its sleeps take no real time and
/// its output is the same on every run.
fn on_paused_clock<F: Future>(demo: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("could not start a tokio runtime")
        .block_on(demo)
}

async fn demos() {
    say!("A bounded queue of 2, a producer of 6, a consumer taking 10 ms each:");
    for line in queues::back_pressure().await {
        say!("  {line}");
    }
    say!("Two producers, their senders dropped when done; the consumer got:");
    say!("  {:?}, then None", queues::closed_by_dropping().await);
    let (answered, unanswered) = actor::answer_later().await;
    say!("\nA oneshot answered: {answered:?}; one whose sender was dropped: error = {unanswered}");
    let (by_actor, by_lock) = actor::both_ways().await;
    say!("Ten tasks counting visits, through an actor: {by_actor:?}");
    say!("                        and through a lock: {by_lock:?}");
    say!("\nA broadcast channel keeping 4 messages, a subscriber 10 behind:");
    say!("  {}", pubsub::lagging_subscriber().await.join(", "));
    say!(
        "A watch channel written every 3 ms, read every 10 ms: {:?}",
        pubsub::latest_only().await
    );
    let (notify, watch) = pubsub::event_twins().await;
    say!("A waiter arriving after the event was set gets through: Notify {notify}, watch {watch}");
    let (pages, numbers) = streams::read_both().await;
    say!("\nStreams read with while let Some(x) = s.next().await: {pages:?} and {numbers:?}");
    say!(
        "filter, map, buffer_unordered(3), take_until(40 ms): {:?}",
        streams::adapters().await
    );
    say!(
        "FuturesUnordered, as asyncio.as_completed: {:?}",
        streams::as_completed().await
    );
    let input = framing::demo_input();
    say!("\nLines of at most 32 bytes, from \"hello\", 100 x's, \"bye\":");
    for line in framing::frames(input.as_slice(), 32).await {
        say!("  {line}");
    }
    let after = framing::past_the_end(input.as_slice(), 32).await;
    say!("  ...and next() again after that None: {after:?}");
}

/// The memory run, each queue in a fresh process, so each one's figures
/// are its own.
fn memory() {
    say!("\nA producer of 100 messages of 4 KiB every 10 ms, a consumer of 1:");
    for queue in ["bounded", "unbounded"] {
        match lessonkit::run_self(&["--memory-of", queue]) {
            Ok(out) if out.status.success() => {
                say!("{}", String::from_utf8_lossy(&out.stdout).trim_end())
            }
            Ok(out) => say!(
                "  the {queue} run failed: {:?}",
                lessonkit::Ended::of(out.status)
            ),
            Err(e) => say!("  {e}"),
        }
    }
}

fn memory_child(queue: Queue) {
    let samples =
        real_time_runtime().block_on(queues::memory_over_time(queue, Duration::from_secs(1)));
    let name = match queue {
        Queue::Bounded => "mpsc::channel(64)",
        Queue::Unbounded => "mpsc::unbounded_channel()",
    };
    say!("  {name}:");
    for s in samples {
        let rss = lessonkit::bytes(s.rss_kib.map(|k| k as f64 * 1024.0));
        say!(
            "    {:>5} ms  {:>6} queued  resident memory {rss}",
            s.at_ms,
            s.queued
        );
    }
}

async fn run_pipeline(args: &Options) -> Result<(), String> {
    let server = PageServer::start()
        .await
        .map_err(|e| format!("could not start the local server: {e}"))?;
    let options = pipeline::Options {
        fetchers: args.fetchers,
        capacity: args.capacity,
        depths: true,
    };
    let paths = pipeline::demo_paths(args.pages);
    let shape = if args.buffered {
        format!("buffered({}) instead of stages", args.fetchers)
    } else {
        format!(
            "{} fetchers, queues of {}",
            options.fetchers, options.capacity
        )
    };
    say!(
        "\nThe pipeline: {} URLs ({} pages and /missing, a 404 to report) from a server on \
         127.0.0.1, {shape}:",
        paths.len(),
        args.pages,
    );
    let stop = async {
        // If Ctrl-C cannot be watched, run to the end instead of stopping at once.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    let print = |line: &str| say!("{line}");
    let done = if args.buffered {
        pipeline::run_buffered(server.addr, paths, args.fetchers, stop, print).await
    } else {
        pipeline::run(server.addr, paths, options, stop, print)
            .await
            .map_err(|e| e.to_string())?
    };
    say!("{done} URLs fetched.");
    Ok(())
}

/// Messages per second through a bounded queue: Rust here, Python in a
/// child process running `python/queue_speed.py`.
fn speed(messages: u64) {
    say!("\n{messages} messages through a bounded queue of 128, from one task to another:");
    let rust = real_time_runtime().block_on(queues::messages_per_second(messages));
    say!("  Rust, tokio::sync::mpsc, current-thread runtime: {rust:>12.0} messages/s");
    if cfg!(debug_assertions) {
        say!(
            "  (a debug build: `cargo run --release -p lesson06 -- speed` measures the real thing)"
        );
    }
    // queue_speed.py uses asyncio.TaskGroup: Python 3.11 or later.
    let python = match lessonkit::python::find(11) {
        Ok(python) => python,
        Err(why) => {
            say!("  (no Python figure: {why})");
            return;
        }
    };
    let script = include_str!("../python/queue_speed.py");
    let out = python
        .command()
        .args(["-c", script, &messages.to_string()])
        .stderr(Stdio::inherit())
        .output();
    match out {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            match text.trim().parse::<f64>() {
                Ok(py) => {
                    say!(
                        "  Python, asyncio.Queue:                            {py:>12.0} messages/s"
                    );
                    say!("  Rust/Python: {:.1}x", rust / py);
                }
                Err(_) => say!("  Python printed {:?}, not a number", text.trim()),
            }
        }
        Ok(out) => say!("  Python failed: {:?}", lessonkit::Ended::of(out.status)),
        Err(e) => say!("  Python could not be started: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Option<Options>, String> {
        parse_args(Args::from_args(args))
    }

    /// Each option takes exactly the range its message names; a part that
    /// does not exist is one line, not a run of everything.
    #[test]
    fn options_accept_the_range_they_name() {
        let args = parse(&["pipeline", "--fetchers", "64", "--capacity", "1"])
            .unwrap()
            .unwrap();
        assert_eq!(
            (args.part.as_deref(), args.fetchers, args.capacity),
            (Some("pipeline"), 64, 1)
        );
        for (flag, bad, says) in [
            ("--fetchers", "0", "from 1 to 64,"),
            ("--capacity", "1001", "from 1 to 1000,"),
            ("--messages", "999", "from 1000 to 100000000,"),
        ] {
            let e = parse(&[flag, bad]).unwrap_err();
            assert!(e.contains(says), "{flag} {bad}: {e}");
        }
        assert!(parse(&["pipelin"]).unwrap_err().contains("no part called"));
        assert!(parse(&["--memory-of", "huge"]).is_err());
    }

    /// An option is refused, in one line, by a part that does not take it,
    /// and accepted by its own part or with no part (every part runs).
    #[test]
    fn a_part_refuses_the_options_of_another() {
        let options: [(&str, &[&str], &str); 6] = [
            ("--pages", &["--pages", "3"], "pipeline"),
            ("--fetchers", &["--fetchers", "2"], "pipeline"),
            ("--capacity", &["--capacity", "2"], "pipeline"),
            ("--buffered", &["--buffered"], "pipeline"),
            ("--messages", &["--messages", "5000"], "speed"),
            ("--memory-of", &["--memory-of", "bounded"], "memory"),
        ];
        for (option, words, owner) in options {
            assert!(parse(words).is_ok(), "{words:?} with no part");
            for part in ["demos", "memory", "pipeline", "speed"] {
                let mut args = vec![part];
                args.extend_from_slice(words);
                let got = parse(&args);
                if part == owner {
                    assert!(got.is_ok(), "{args:?} was refused: {got:?}");
                } else {
                    let e = got.expect_err(&format!("{args:?} was accepted"));
                    assert!(
                        e.contains(&format!("{part} takes no {option}")) && !e.contains('\n'),
                        "{args:?}: {e}"
                    );
                }
            }
        }
        let e = parse(&["pipeline", "--buffered", "--capacity", "2"]).unwrap_err();
        assert!(e.contains("--buffered takes no --capacity"), "{e}");
    }

    /// The help's default number of pages, plus /missing, is the number of
    /// URLs the pipeline says it fetches (and the chapter shows).
    #[test]
    fn the_help_counts_the_urls_the_pipeline_fetches() {
        let args = parse(&["pipeline"]).unwrap().unwrap();
        let paths = lesson06::pipeline::demo_paths(args.pages);
        let shown = format!("--pages 1 to 1000 ({})", args.pages);
        assert!(USAGE.contains(&shown), "the help should say {shown:?}");
        let count = format!("{} URLs unless told", paths.len());
        assert!(USAGE.contains(&count), "the help should say {count:?}");
        assert_eq!(
            paths.iter().filter(|p| *p == "/missing").count(),
            1,
            "one URL, /missing, is a 404 on purpose: {paths:?}"
        );
    }
}
