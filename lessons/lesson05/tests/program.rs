//! The lesson's program, run as a learner runs it, against the output
//! chapter 5 shows: the book includes `output/*.txt`, and these tests
//! compare each with what the program really prints, so the shown output
//! cannot drift from the code. Figures that vary from run to run (counts,
//! times) are masked on both sides; the words around them must match.

fn lesson05(args: &[&str]) -> (i32, String, String) {
    testkit::run_program(env!("CARGO_BIN_EXE_lesson05"), args)
}

/// Every number, with the spaces that pad it, becomes " #": "  0" and
/// " 17" read the same, and so do "10 ms" and "9 ms".
fn mask_figures(text: &str) -> String {
    let mut out = String::new();
    let mut pending_spaces = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() || (in_number && c == '.') {
            if !in_number {
                pending_spaces.clear();
                out.push_str(" #");
                in_number = true;
            }
            continue;
        }
        in_number = false;
        if c == ' ' {
            pending_spaces.push(c);
        } else {
            out.push_str(&pending_spaces);
            pending_spaces.clear();
            out.push(c);
        }
    }
    out.push_str(&pending_spaces);
    out
}

/// The mask hides figures and their padding, and nothing else.
#[test]
fn masking_hides_figures_only() {
    assert_eq!(
        mask_figures("beats:   0  <- x"),
        mask_figures("beats:  17  <- x")
    );
    assert_eq!(mask_figures("every 10 ms"), "every # ms");
    assert_ne!(mask_figures("every 10 ms"), mask_figures("every 10 s"));
}

/// `lesson05 PART` prints `shown` (the file chapter 5 includes from
/// `output/PART.txt`), figures aside.
fn prints_as_shown(part: &str, shown: &str) {
    let (code, out, err) = lesson05(&[part]);
    assert_eq!(code, 0, "lesson05 {part} failed: {err}");
    assert_eq!(
        mask_figures(&out),
        mask_figures(shown),
        "lesson05 {part} no longer prints what chapter 5 shows \
         (lessons/lesson05/output/{part}.txt); it printed:\n{out}"
    );
}

/// `block` prints what chapter 5 shows (`output/block.txt`), figures aside.
#[test]
fn block_prints_what_the_book_shows() {
    prints_as_shown("block", include_str!("../output/block.txt"));
}

/// `nested` prints exactly what chapter 5 shows (`output/nested.txt`):
/// tokio's own panic message, word for word.
#[test]
fn nested_prints_what_the_book_shows() {
    let (code, out, err) = lesson05(&["nested"]);
    assert_eq!(code, 0, "lesson05 nested failed: {err}");
    assert_eq!(
        out,
        include_str!("../output/nested.txt"),
        "lesson05 nested no longer prints what chapter 5 shows (lessons/lesson05/output/nested.txt)"
    );
}

/// A bad argument gets one line naming it, then the usage; exit code 2.
#[test]
fn bad_arguments_get_a_clear_error() {
    let (code, out, err) = lesson05(&["dance"]);
    assert_eq!(code, 2, "lesson05 dance should exit with 2: {out}{err}");
    assert!(
        err.starts_with("lesson05: unexpected arguments [\"dance\"]\n"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// `zero` prints what chapter 5 shows (`output/zero.txt`), figures aside.
/// The figures themselves (a zero sleep costing a timer tick) are the
/// program's to print on the real clock, not a timed test's to assert.
#[test]
fn zero_prints_what_the_book_shows() {
    prints_as_shown("zero", include_str!("../output/zero.txt"));
}
