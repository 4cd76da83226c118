//! Lesson 01's program: `cargo run -p lesson01 [-- PART]`.
//!
//! With no argument it runs the three parts of the chapter in turn; each
//! part can also run alone. It needs none of the exercises, so it works
//! before you have solved any.

use std::process::ExitCode;

use lesson01::{by_hand, child, cost, stall};
use lessonkit::say;

/// What `-h` prints, and what follows a bad argument. The default and the
/// range of N are the constants the program applies, not copies of them.
fn usage() -> String {
    format!(
        "\
usage: cargo run -p lesson01 [-- PART]

parts (all three when none is given):
  poll        two coroutines written by hand, polled by hand, no runtime
  cost [N]    N OS threads against N tokio tasks: start time and memory
              (N from {MIN_N} to {MAX_N}, {DEFAULT_N} unless given; try 10000 in a
              release build)
  stall       a CPU-bound job on one thread stalls every other task"
    )
}

/// How many threads and tasks `cost` starts unless told otherwise: enough
/// to see the difference, few enough for any laptop's thread limit.
const DEFAULT_N: usize = 2000;
/// The smallest and largest N that `cost` accepts. Above the machine's own
/// limits, the threads side is refused and reported (see `child::explain`).
const MIN_N: usize = 1;
const MAX_N: usize = 1_000_000;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => lessonkit::bad_argument("lesson01", message),
    }
}

fn run(args: &[&str]) -> Result<(), String> {
    match args {
        [] => {
            part_poll();
            say!();
            part_cost(DEFAULT_N)?;
            say!();
            stall::show();
            say!("\nNext: the exercises. `cargo course 01` grades them and names the one to open");
            say!("(its file and line), or `cargo course` every lesson.");
        }
        ["poll"] => part_poll(),
        ["cost"] => part_cost(DEFAULT_N)?,
        ["cost", n] => part_cost(parse_count(n)?)?,
        ["stall"] => drop(stall::show()),
        [cost::CHILD_FLAG, kind, n] => {
            // One side of `cost`, in a fresh process; see `cost::compare`.
            let kind = cost::Kind::parse(kind).ok_or("unknown kind to measure")?;
            let n = parse_count(n)?;
            child::fail_if_asked(kind);
            let figures = match kind {
                cost::Kind::Threads => cost::measure_threads(n, cost::WAIT),
                cost::Kind::Tasks => cost::measure_tasks(n, cost::WAIT),
            };
            say!("{}", figures.map_err(|e| e.to_string())?);
        }
        ["-h" | "--help" | "help"] => say!("{}", usage()),
        _ => {
            return Err(format!(
                "unexpected arguments {args:?} (--help lists the parts)"
            ));
        }
    }
    Ok(())
}

fn parse_count(s: &str) -> Result<usize, String> {
    lessonkit::number("N", s, MIN_N, MAX_N)
}

fn part_poll() {
    say!("Two coroutines, written and polled by hand on this one thread:");
    let polls = by_hand::poll_two_by_hand();
    say!("({polls} polls in all: each coroutine was Pending once, then Ready)");
}

/// A side the machine could not run comes back as one line naming the
/// likely limit (`child::explain`); the other side has been measured.
fn part_cost(n: usize) -> Result<(), String> {
    cost::compare(n).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The range the error states is exactly the range accepted: both ends
    /// pass, one step outside either end is refused with that text.
    #[test]
    fn the_stated_range_is_the_accepted_range() {
        assert_eq!(parse_count(&MIN_N.to_string()), Ok(MIN_N));
        assert_eq!(parse_count(&MAX_N.to_string()), Ok(MAX_N));
        for outside in [MIN_N - 1, MAX_N + 1] {
            let err = parse_count(&outside.to_string()).unwrap_err();
            let stated = format!("from {MIN_N} to {MAX_N}");
            assert!(err.contains(&stated), "{outside}: {err}");
        }
        assert_eq!(parse_count("1_000"), Ok(1000), "underscores are allowed");
    }

    /// The usage states the default that applies, and the accepted range.
    #[test]
    fn the_usage_states_the_default_that_applies() {
        let usage = usage();
        assert!(
            usage.contains(&format!("{DEFAULT_N} unless given")),
            "{usage}"
        );
        assert!(
            usage.contains(&format!("from {MIN_N} to {MAX_N}")),
            "{usage}"
        );
        assert_eq!(parse_count(&DEFAULT_N.to_string()), Ok(DEFAULT_N));
    }
}
