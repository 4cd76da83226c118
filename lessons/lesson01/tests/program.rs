//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is.

use std::process::Command;

fn lesson01(args: &[&str]) -> (i32, String, String) {
    testkit::run_program(env!("CARGO_BIN_EXE_lesson01"), args)
}

/// `poll` prints exactly what chapter 1 shows: the book includes
/// `output/poll.txt`, so this test keeps the shown output honest.
#[test]
fn poll_prints_what_the_book_shows() {
    let (code, out, err) = lesson01(&["poll"]);
    assert_eq!(code, 0, "lesson01 poll failed: {err}");
    assert_eq!(
        out,
        include_str!("../output/poll.txt"),
        "lesson01 poll no longer prints what chapter 1 shows (lessons/lesson01/output/poll.txt)"
    );
    let greetings: Vec<&str> = out.lines().filter(|l| l.starts_with("hello")).collect();
    assert_eq!(
        greetings,
        [
            "hello world! index=0",
            "hello world! index=1",
            "hello again! index=0",
            "hello again! index=1"
        ]
    );
}

/// A bad argument gets one clear line and the usage, not a panic.
#[test]
fn bad_arguments_get_a_clear_error() {
    testkit::assert_refused(
        env!("CARGO_BIN_EXE_lesson01"),
        "lesson01",
        &[&["cost", "lots"], &["cost", "0"], &["dance"]],
    );
}

/// Piped into a reader that stops early (`| head -1`), the program ends
/// quietly instead of panicking.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    // A pipe whose reading end is closed before the program starts, so that
    // its very first line meets the closed pipe, on every run.
    let (reader, writer) = std::io::pipe().expect("could not make a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_lesson01"))
        .arg("poll")
        .stdout(writer)
        .output()
        .expect("could not run the lesson01 program");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked"),
        "lesson01 poll | head panicked: {err}"
    );
    assert!(
        out.status.success(),
        "lesson01 poll | head failed: {:?}",
        out.status
    );
}

/// A threads side that dies (here made to abort the way it does past
/// `vm.max_map_count`, without starting 30,000 threads) is one line on
/// stderr, and the tasks side is still measured.
#[test]
fn a_side_that_dies_is_one_line_and_the_other_side_still_runs() {
    let out = Command::new(env!("CARGO_BIN_EXE_lesson01"))
        .args(["cost", "3"])
        .env("LESSON01_CHILD_FAILS", "threads")
        .output()
        .expect("could not run the lesson01 program");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line, not: {stderr}");
    assert!(
        stderr.starts_with("lesson01: threads not measured: ") && stderr.contains("likely limit: "),
        "{stderr}"
    );
    assert!(stdout.contains("OS threads   not measured"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.trim_start().starts_with("tokio tasks") && l.contains(" ms")),
        "the tasks side was not measured: {stdout}"
    );
}
