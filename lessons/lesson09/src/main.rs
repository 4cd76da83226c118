//! Lesson 09's program: `cargo run -p lesson09 [-- --measure [--calls N]]`.
//!
//! With no option it runs the chapter's demonstrations, one per teaching
//! point, on tokio's paused clock (so they print the same on every run).
//! `--measure` times a trait method's call, generic against boxed through
//! `dyn`. It needs none of the exercises, so it works before any is solved.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use lesson09::cost;
use lesson09::traits::{self, DynGreeter, English, Slow};
use lesson09::{closures, pinning, projection};
use lessonkit::{Args, say};

const USAGE: &str = "\
usage: cargo run -p lesson09 [-- --measure [--calls N]]

Runs chapter 9's demonstrations on tokio's paused clock. --measure instead
times one greeting, generic and boxed through dyn, over --calls 1000 to
1000000000 calls (10000000); build with --release for figures worth quoting.";

/// What the command line asks for: `None` to run the demonstrations, or
/// the number of calls to measure.
fn parse_args(mut args: Args) -> Result<Option<Option<u32>>, String> {
    use lessonkit::args::Arg::{Long, Short};
    let (mut measure, mut calls) = (false, 10_000_000);
    while let Some(arg) = args.next()? {
        match arg {
            Long("measure") => measure = true,
            Long("calls") => calls = args.number(1000, 1_000_000_000)?,
            Long("help") | Short('h') => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(measure.then_some(calls)))
}

fn main() -> ExitCode {
    let calls = match parse_args(Args::from_env()) {
        Ok(None) => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Some(calls)) => calls,
        Err(message) => return lessonkit::bad_argument("lesson09", message),
    };
    if let Some(calls) = calls {
        let (generic, boxed) = cost::cost_per_call(calls);
        say!(
            "per call, over {calls} calls: generic {generic:.1} ns, boxed through dyn {boxed:.1} ns"
        );
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build();
    match runtime {
        Ok(runtime) => {
            runtime.block_on(demonstrations());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lesson09: cannot start tokio: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn demonstrations() {
    let size = std::mem::size_of_val(&pinning::self_borrowing());
    say!("1. a future that borrows its own 64-byte buffer: {size} bytes, not Unpin");
    pinning::unpin_examples();
    say!("   Unpin: a ready future, a Box::pin'd future, a oneshot receiver");

    let step = Duration::from_millis(300);
    let (sum, ticks) = pinning::sum_while_ticking(step, Duration::from_millis(200)).await;
    say!("2. one pinned sum across a select! loop: {sum}, with {ticks} ticks on the way");
    say!(
        "   stream::unfold, pinned for next(): {:?}",
        pinning::first_squares().await
    );
    say!(
        "   depth(1000) through Box::pin: {}",
        pinning::depth(1000).await
    );

    let sleep = || tokio::time::sleep(Duration::from_millis(250));
    let (_, by_hand) = projection::TimedByHand::new(sleep()).await;
    let (_, by_macro) = projection::Timed::new(sleep()).await;
    say!("3. a 250 ms sleep, timed: {by_hand:?} (projected by hand), {by_macro:?} (pin_project!)");

    let all = traits::greet_all(&English, &["ann", "bo"]).await;
    say!("4. generic: {all:?}");
    say!(
        "   spawned: {:?}",
        traits::spawn_greeting(Arc::new(English), "cy".into()).await
    );
    let slow = Slow {
        delay: Duration::from_millis(10),
    };
    let greeters: Vec<Box<dyn DynGreeter>> = vec![Box::new(English), Box::new(slow)];
    say!(
        "   through dyn: {:?}",
        traits::greet_each(&greeters, "di").await
    );

    let (sum, log) = closures::closures_at_work(2).await;
    say!("5. async closures: a sum of {sum}, a log of {log:?}");
}
