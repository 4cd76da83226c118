//! Lesson 10's program: `cargo run -p lesson10`.
//!
//! It runs the chapter's demonstrations, one per tool, on tokio's paused
//! clock (so they print the same on every run, and take no real time):
//! a retry whose waits cost nothing, a panic lost and the same panic
//! reported, the span-across-`.await` bug next to its fix, and tokio's
//! runtime metrics counting the tasks a shutdown leaves. It needs none of
//! the exercises, so it works before any is solved.

use std::process::ExitCode;
use std::time::Duration;

use lesson10::panics::{self, panic_text};
use lesson10::retry::{self, Flaky};
use lesson10::shutdown;
use lesson10::spans::{self, Recorder};
use lessonkit::{Args, say};
use tokio::time::Instant;

const USAGE: &str = "\
usage: cargo run -p lesson10 [console]

Runs chapter 10's demonstrations on tokio's paused clock. The panic the
second one loses is printed by Rust's panic hook on standard error; that is
the point of it. `console` says how to run the tokio-console demonstration.";

/// How to run the console demonstration, which is not part of this
/// program: it needs tokio built with `--cfg tokio_unstable`, so it is a
/// workspace of its own (`lessons/lesson10/console`).
const CONSOLE: &str = "\
The tokio-console demonstration is a program of its own: tokio-console
needs tokio built with --cfg tokio_unstable, and that flag is kept out of
the course's build (the demonstration has its own target folder; its first
build compiles tokio again, with the flag, and the console's gRPC crates).

From the course's folder:
  cd lessons/lesson10/console
  cargo run
It starts an echo server with two faulty tasks and prints where the
console's endpoint listens (http://127.0.0.1:6669). In another terminal:
  cargo install --locked tokio-console   # once
  tokio-console http://127.0.0.1:6669
Find the task that is idle and never woken, and the one whose one poll
never ends. Ctrl-C ends the demonstration.";

/// What the command line asks for.
enum Run {
    Tour,
    Console,
    Usage,
}

/// What to run, or what was wrong with the arguments.
fn parse_args(mut args: Args) -> Result<Run, String> {
    use lessonkit::args::Arg::{Long, Short, Value};
    let run = match args.next()? {
        None => return Ok(Run::Tour),
        Some(Long("help") | Short('h')) => Run::Usage,
        Some(Value(word)) if word == "console" => Run::Console,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    match args.next()? {
        None => Ok(run),
        Some(other) => Err(other.unexpected().to_string()),
    }
}

fn main() -> ExitCode {
    match parse_args(Args::from_env()) {
        Ok(Run::Tour) => {}
        Ok(Run::Usage) => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Run::Console) => {
            say!("{CONSOLE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => return lessonkit::bad_argument("lesson10", message),
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build();
    match runtime {
        Ok(runtime) => {
            runtime.block_on(async {
                paused_clock().await;
                panics_in_tasks().await;
                spans_across_await().await;
                tasks_left_behind().await;
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lesson10: cannot start tokio: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Three failures and their back-off, on a clock that only moves when
/// every task waits.
async fn paused_clock() {
    say!("== the paused clock");
    let op = Flaky::failing(3);
    let start = Instant::now();
    let got = retry::retry(op.clone()).await;
    let waits: Vec<String> = op.gaps().iter().map(|gap| format!("{gap:?}")).collect();
    say!(
        "retry answered {got:?} after {} calls, waiting {}",
        op.count(),
        waits.join(", ")
    );
    say!(
        "tokio's clock moved {:?}, and no real time went by waiting",
        start.elapsed()
    );
}

/// A panic that nobody hears of, then the same panic read from its handle.
async fn panics_in_tasks() {
    say!("== panics in tasks");
    panics::a_lost_panic().await;
    say!("a detached task panicked (the hook printed it on stderr), and the program went on");
    let task = tokio::spawn(async { panic!("job 3 failed") });
    match task.await {
        Ok(()) => say!("the task ended well"),
        Err(e) if e.is_panic() => say!(
            "its handle reports: panicked with {:?}",
            panic_text(&*e.into_panic())
        ),
        Err(e) => say!("its handle reports: {e}"),
    }
}

/// Two requests at once, with the guard held across `.await` and then
/// with `.instrument`: where each event landed.
async fn spans_across_await() {
    say!("== a span guard held across .await");
    let (recorder, installed) = Recorder::install();
    tokio::join!(spans::handle_entered(1), spans::handle_entered(2));
    for seen in recorder.seen() {
        say!("  {:<5} in {}", seen.message, seen.spans);
    }
    drop(installed);
    say!("== the same requests with .instrument(span)");
    let (recorder, _installed) = Recorder::install();
    tokio::join!(spans::handle_instrumented(1), spans::handle_instrumented(2));
    for seen in recorder.seen() {
        say!("  {:<5} in {}", seen.message, seen.spans);
    }
}

/// tokio's stable runtime metrics: how many tasks are alive while the
/// workers run, and after the shutdown.
async fn tasks_left_behind() {
    say!("== runtime metrics");
    let metrics = tokio::runtime::Handle::current().metrics();
    let (alive, mut gone) = tokio::sync::mpsc::channel::<()>(1);
    let run = tokio::spawn(shutdown::run_and_stop(alive));
    tokio::time::sleep(Duration::from_millis(500)).await;
    say!(
        "tasks alive while the workers run: {}",
        metrics.num_alive_tasks()
    );
    let _ = run.await;
    say!(
        "tasks alive after the shutdown: {}",
        metrics.num_alive_tasks()
    );
    let left = gone
        .try_recv()
        .is_err_and(|e| e == tokio::sync::mpsc::error::TryRecvError::Disconnected);
    say!("every worker's sender dropped: {left}");
}
