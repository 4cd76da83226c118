//! Lesson 05's program: `cargo run -p lesson05 [-- PART]`.
//!
//! With no argument it runs every part in turn; each part can also run
//! alone. It needs none of the exercises, so it works before you have
//! solved any. For figures worth comparing, build it in release mode:
//! `cargo run --release -p lesson05 -- cores`.

use std::process::ExitCode;

use lesson05::{blocking, bridge, cancel, cores_report, ticks};

const USAGE: &str = "\
usage: cargo run -p lesson05 [-- PART]

parts (all of them when none is given):
  cores    one CPU-bound job on a current-thread runtime, a multi-thread
           runtime and a thread pool, with a ticker watching the runtime
  block    std::thread::sleep against tokio::time::sleep in a task
  zero     a zero sleep against yield_now: what giving the thread back costs
  cancel   a select! loop that loses half a line
  nested   block_on inside a task: tokio's panic";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => {
            cores_report::show();
            println!();
            blocking::show();
            println!();
            ticks::show();
            println!();
            cancel::show();
            println!();
            bridge::show();
            println!(
                "\nNext: the exercises. `cargo course 05` grades them and names the one to open"
            );
            println!("(its file and line), or `cargo course` every lesson.");
        }
        ["cores"] => drop(cores_report::show()),
        ["block"] => blocking::show(),
        ["zero"] => ticks::show(),
        ["cancel"] => cancel::show(),
        ["nested"] => bridge::show(),
        ["-h" | "--help" | "help"] => println!("{USAGE}"),
        _ => {
            eprintln!("lesson05: unexpected arguments {args:?}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
