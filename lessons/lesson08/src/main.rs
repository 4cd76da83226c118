//! Lesson 08's program: `cargo run -p lesson08 [-- --urls N]`.
//!
//! It builds the lesson's crate into a Python module with maturin (in the
//! lesson's own virtual environment), starts a stand-in HTTP server, and
//! runs `python/program.py`, an asyncio program that awaits the module's
//! Rust functions and prints what ran where, and how long it took. It
//! needs none of the exercises, and never links Python itself: the module
//! is loaded by the Python it runs.

use std::process::ExitCode;

use lessonkit::{Args, say};

mod servers;
mod setup;

const USAGE: &str = "\
usage: cargo run -p lesson08 [-- --urls N]

  --urls N   how many local URLs part 6 fetches (default 1000)";

/// How many URLs to fetch; `None` for `--help`.
fn parse(mut args: Args) -> Result<Option<u32>, String> {
    use lessonkit::args::Arg::{Long, Short};
    let mut urls = 1000;
    while let Some(arg) = args.next()? {
        match arg {
            Long("urls") => urls = args.number(1, 100_000)?,
            Long("help") | Short('h') => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(urls))
}

fn main() -> ExitCode {
    let urls = match parse(Args::from_env()) {
        Ok(Some(urls)) => urls,
        Ok(None) => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => return lessonkit::bad_argument("lesson08", e),
    };
    let python = match setup::environment().and_then(|p| setup::build_module(&p).map(|()| p)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("lesson08: {e}");
            return ExitCode::FAILURE;
        }
    };
    let addr = match servers::start() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("lesson08: cannot start the stand-in server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let program = setup::lesson_dir().join("python/program.py");
    let status = python
        .command()
        .arg(&program)
        .args([
            "--port",
            &addr.port().to_string(),
            "--urls",
            &urls.to_string(),
        ])
        .status();
    match status {
        Ok(s) if s.success() => {
            say!("\nNext: the exercises. `cargo course 08` grades them and names the one to open");
            say!("(its file and line), or `cargo course` every lesson.");
            ExitCode::SUCCESS
        }
        Ok(s) => {
            eprintln!("lesson08: the Python program failed ({s})");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("lesson08: cannot run Python: {e}");
            ExitCode::FAILURE
        }
    }
}
