//! The lesson's program, run as a learner runs it: the demos print what
//! chapter 6 shows (`output/demos.txt`, which the book includes), and the
//! pipeline prints the same result lines as its Python twin
//! (`python/pipeline.expected`, which CI checks the Python prints).

use std::process::Command;

fn lesson06(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_lesson06"))
        .args(args)
        .output()
        .expect("could not start the lesson06 program");
    assert!(
        out.status.success(),
        "lesson06 {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

/// The demos run on tokio's paused clock, so they print the same on every
/// run: exactly what the book shows.
#[test]
fn the_demos_print_what_the_book_shows() {
    let shown = include_str!("../output/demos.txt").replace("\r\n", "\n");
    assert_eq!(
        lesson06(&["demos"]),
        shown,
        "lessons/lesson06/output/demos.txt is out of date: run \
         `cargo run -p lesson06 -- demos > lessons/lesson06/output/demos.txt`"
    );
}

/// The pipeline's lines, less its queue depths (which vary from run to
/// run), are the Python twin's; so are those of its short form
/// (`--buffered`), but for the first, which names the form.
#[test]
fn the_pipeline_prints_what_its_python_twin_prints() {
    let python = include_str!("../python/pipeline.expected").replace("\r\n", "\n");
    let lines = |args: &[&str]| -> String {
        lesson06(args)
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with("queues:"))
            .map(|line| format!("{line}\n"))
            .collect()
    };
    assert_eq!(
        lines(&["pipeline"]),
        python,
        "the Rust pipeline's lines against the Python's"
    );
    let short = lines(&["pipeline", "--buffered"]);
    let (first, rest) = short.split_once('\n').unwrap_or_default();
    assert!(first.ends_with("buffered(3) instead of stages:"), "{first}");
    let (_, python_rest) = python.split_once('\n').unwrap_or_default();
    assert_eq!(
        rest, python_rest,
        "the short form's lines against the Python's"
    );
}
