//! `cargo run -p twins -- ROW`: one row of the appendix, its Rust twin.
//! With no row, the list of rows. (`child` is the subprocess row's child.)

use std::process::ExitCode;

use lessonkit::say;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => {
            say!("usage: cargo run -p twins -- ROW\n\nrows:");
            for row in twins::ROWS {
                say!("  {}", row.name);
            }
            ExitCode::SUCCESS
        }
        [name] if name == "child" => {
            twins::rows::child_process::child();
            ExitCode::SUCCESS
        }
        [name] => match twins::row(name) {
            Some(row) => match (row.run)() {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("twins: {error}");
                    ExitCode::FAILURE
                }
            },
            None => lessonkit::bad_argument(
                "twins",
                format!("no row called {name:?}; `cargo run -p twins` lists them"),
            ),
        },
        _ => lessonkit::bad_argument("twins", "give one row's name, or none for the list"),
    }
}
