//! Lesson 08's program: `cargo run -p lesson08 [-- --urls N]`.
//!
//! It builds the lesson's crate into a Python module with maturin (in the
//! lesson's own virtual environment), starts a stand-in HTTP server, and
//! runs `python/program.py`, an asyncio program that awaits the module's
//! Rust functions and prints what ran where, and how long it took. It
//! needs none of the exercises, and never links Python itself: the module
//! is loaded by the Python it runs.

use std::process::ExitCode;

use lessonkit::say;

mod servers;
mod setup;

const USAGE: &str = "\
usage: cargo run -p lesson08 [-- --urls N]

  --urls N   how many local URLs part 6 fetches (default 1000)";

fn main() -> ExitCode {
    let mut urls: u32 = 1000;
    let mut parser = lexopt::Parser::from_env();
    loop {
        match parser.next() {
            Ok(None) => break,
            Ok(Some(lexopt::Arg::Long("urls"))) => {
                let value = parser.value().map(|v| v.to_string_lossy().into_owned());
                match value
                    .map_err(|e| e.to_string())
                    .and_then(|v| lessonkit::number("--urls", &v, 1, 100_000))
                {
                    Ok(n) => urls = n,
                    Err(e) => return lessonkit::bad_argument("lesson08", e),
                }
            }
            Ok(Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h'))) => {
                say!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            Ok(Some(other)) => {
                return lessonkit::bad_argument("lesson08", other.unexpected());
            }
            Err(e) => return lessonkit::bad_argument("lesson08", e),
        }
    }
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
