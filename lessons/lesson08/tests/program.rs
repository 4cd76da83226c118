//! The lesson's program, on the command lines that need no Python: a bad
//! option is one line and exit status 2, before anything is built.

use std::process::Command;

fn lesson08(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lesson08"))
        .args(args)
        .output()
        .expect("could not start the lesson08 program");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_bad_count_is_one_line_naming_the_range() {
    let (code, _, err) = lesson08(&["--urls", "0"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "lesson08: --urls takes a number from 1 to 100000, not \"0\"\n"
    );
}

#[test]
fn an_unknown_option_is_one_line() {
    let (code, _, err) = lesson08(&["--fast"]);
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--fast"), "{err}");
}

#[test]
fn help_names_the_option() {
    let (code, out, _) = lesson08(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--urls N"), "{out}");
}
