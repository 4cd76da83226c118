//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is.

fn lesson10(args: &[&str]) -> (i32, String, String) {
    testkit::run_program(env!("CARGO_BIN_EXE_lesson10"), args)
}

/// The program prints what the chapter shows (`output/tour.txt`), and the
/// panic it loses reaches standard error and nothing else.
#[test]
fn the_program_prints_what_the_chapter_shows() {
    let (status, stdout, stderr) = lesson10(&[]);
    assert_eq!(status, 0, "lesson10 failed: {stderr}");
    let expected = include_str!("../output/tour.txt");
    assert_eq!(
        stdout, expected,
        "lesson10 printed something else than output/tour.txt"
    );
    assert!(
        stderr.contains("job 3 failed"),
        "the lost panic is printed by the hook: {stderr}"
    );
}

/// `--help` says how to run it.
#[test]
fn help_is_the_usage() {
    let (status, stdout, _) = lesson10(&["--help"]);
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("usage: cargo run -p lesson10"),
        "got {stdout:?}"
    );
}

/// A bad argument is one line on standard error and exit status 2.
#[test]
fn a_bad_argument_is_one_line() {
    testkit::assert_refused(
        env!("CARGO_BIN_EXE_lesson10"),
        "lesson10",
        &[&["--frobnicate"], &["now"], &["console", "now"]],
    );
}

/// `console` says how to run the console demonstration, which is a
/// workspace of its own; the folder it names exists.
#[test]
fn console_says_how_to_attach() {
    let (status, stdout, stderr) = lesson10(&["console"]);
    assert_eq!(status, 0, "lesson10 console failed: {stderr}");
    for needed in [
        "cd lessons/lesson10/console",
        "cargo run",
        "tokio-console http://127.0.0.1:6669",
    ] {
        assert!(stdout.contains(needed), "no {needed:?} in {stdout}");
    }
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/console/Cargo.toml");
    assert!(std::path::Path::new(folder).is_file(), "no {folder}");
}
