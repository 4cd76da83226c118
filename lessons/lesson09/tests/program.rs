//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is.

const EXE: &str = env!("CARGO_BIN_EXE_lesson09");

/// The demonstrations print what chapter 9 shows (`output/demos.txt`, its
/// lines included by number), the same on every run: the paused clock. The
/// future's size is rustc's choice (104 bytes under 1.95.0, as the chapter
/// says), so only its being a number is compared.
#[test]
fn the_program_prints_what_the_chapter_shows() {
    let (status, stdout, stderr) = testkit::run_program(EXE, &[]);
    assert_eq!(status, 0, "lesson09 failed: {stderr}");
    let sized = |text: &str| -> String {
        text.lines()
            .map(|line| match line.split_once("buffer: ") {
                Some((head, tail)) if tail.ends_with(" bytes, not Unpin") => {
                    let size = tail.trim_end_matches(" bytes, not Unpin");
                    assert!(size.parse::<usize>().is_ok(), "no size in {line:?}");
                    format!("{head}buffer: N bytes, not Unpin\n")
                }
                _ => format!("{line}\n"),
            })
            .collect()
    };
    assert_eq!(
        sized(&stdout),
        sized(include_str!("../output/demos.txt")),
        "lesson09 no longer prints what chapter 9 shows (lessons/lesson09/output/demos.txt)"
    );
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
