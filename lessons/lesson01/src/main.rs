//! Lesson 01's program: `cargo run -p lesson01 [-- PART]`.
//!
//! With no argument it runs the three parts of the chapter in turn; each
//! part can also run alone. It needs none of the exercises, so it works
//! before you have solved any.

use std::process::ExitCode;

use lesson01::{by_hand, cost, stall};

const USAGE: &str = "\
usage: cargo run -p lesson01 [-- PART]

parts (all three when none is given):
  poll        two coroutines written by hand, polled by hand, no runtime
  cost [N]    N OS threads against N tokio tasks: start time and memory
              (N defaults to 2000; try 10000 in a release build)
  stall       a CPU-bound job on one thread stalls every other task";

/// How many threads and tasks `cost` starts unless told otherwise: enough
/// to see the difference, few enough for any laptop's thread limit.
const DEFAULT_N: usize = 2000;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lesson01: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[&str]) -> Result<(), String> {
    match args {
        [] => {
            part_poll();
            println!();
            part_cost(DEFAULT_N)?;
            println!();
            part_stall();
            println!("\nNext: the exercises. Open lessons/lesson01/src/ex1_countdown.rs, then run");
            println!("  cargo test -p lesson01");
            Ok(())
        }
        ["poll"] => {
            part_poll();
            Ok(())
        }
        ["cost"] => part_cost(DEFAULT_N),
        ["cost", n] => part_cost(parse_count(n)?),
        ["stall"] => {
            part_stall();
            Ok(())
        }
        [cost::CHILD_FLAG, kind, n] => {
            // One side of `cost`, in a fresh process; see `cost::compare`.
            let kind = cost::Kind::parse(kind).ok_or("unknown kind to measure")?;
            let n = parse_count(n)?;
            let figures = match kind {
                cost::Kind::Threads => cost::measure_threads(n, cost::WAIT),
                cost::Kind::Tasks => cost::measure_tasks(n, cost::WAIT),
            };
            println!("{}", figures.map_err(|e| e.to_string())?);
            Ok(())
        }
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    }
}

fn parse_count(s: &str) -> Result<usize, String> {
    match s.replace('_', "").parse::<usize>() {
        Ok(n) if (1..=1_000_000).contains(&n) => Ok(n),
        _ => Err(format!(
            "N must be a whole number from 1 to 1000000, not {s:?}"
        )),
    }
}

fn part_poll() {
    println!("Two coroutines, written and polled by hand on this one thread:");
    let polls = by_hand::poll_two_by_hand();
    println!("({polls} polls in all: each coroutine was Pending once, then Ready)");
}

fn part_cost(n: usize) -> Result<(), String> {
    cost::compare(n).map(drop).map_err(|e| {
        format!(
            "{e}\n(the system may limit how many threads one process can start; try a smaller N)"
        )
    })
}

fn part_stall() {
    stall::show();
}

/// `cargo run -p lesson01 | head` closes our stdout early, and `println!`
/// then panics. That is the reader's choice, not a bug: end quietly.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if text.starts_with("failed printing to stdout") {
            std::process::exit(0);
        }
        default(info);
    }));
}
