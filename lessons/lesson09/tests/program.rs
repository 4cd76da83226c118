//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is.

const EXE: &str = env!("CARGO_BIN_EXE_lesson09");

/// The demonstrations run, one line per point at least, the same each time.
#[test]
fn the_program_runs_every_demonstration() {
    let (status, stdout, stderr) = testkit::run_program(EXE, &[]);
    assert_eq!(status, 0, "lesson09 failed: {stderr}");
    for line in [
        "1. a future that borrows its own 64-byte buffer",
        "2. one pinned sum across a select! loop: 15, with ",
        "   stream::unfold, pinned for next(): [1, 4, 9]",
        "   depth(1000) through Box::pin: 1000",
        "3. a 250 ms sleep, timed: 250ms (projected by hand), 250ms (pin_project!)",
        "4. generic: [\"hello, ann\", \"hello, bo\"]",
        "   spawned: \"hello, cy\"",
        "   through dyn: [\"hello, di\", \"h-e-l-l-o, di\"]",
        "5. async closures: a sum of 12, a log of [\"entry 1\", \"entry 2\", \"entry 3\"]",
    ] {
        assert!(stdout.contains(line), "no line {line:?} in:\n{stdout}");
    }
}

/// `--measure` prints one line of figures (few calls: this is no benchmark).
#[test]
fn measure_prints_both_costs() {
    let (status, stdout, stderr) = testkit::run_program(EXE, &["--measure", "--calls", "1000"]);
    assert_eq!(status, 0, "lesson09 --measure failed: {stderr}");
    assert!(
        stdout.starts_with("per call, over 1000 calls: generic ")
            && stdout.contains(" ns, boxed through dyn "),
        "lesson09 --measure printed {stdout:?}"
    );
}

/// A bad argument is one line on standard error and exit status 2.
#[test]
fn a_bad_argument_is_one_line() {
    testkit::assert_refused(EXE, "lesson09", &[&["--frobnicate"], &["--calls", "0"]]);
}
