//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is. None of them
//! waits out hello's second or touches the network.

use std::process::Command;

fn lesson02(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lesson02"))
        .args(args)
        .output()
        .expect("could not start the lesson02 program");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A bad argument gets one clear line and the usage, not a panic.
#[test]
fn bad_arguments_get_a_clear_error() {
    for args in [
        &["hello", "--tasks", "lots"][..],
        &["hello", "--tasks", "0"],
        &["hello", "--tasks", "1000001"],
        &["hello", "--runtime", "asyncio"],
        &["compare", "--tasks"],
        &["wget", "--timeout", "-1"],
        &["dance"],
    ] {
        let (code, _, err) = lesson02(args);
        assert_eq!(code, 2, "lesson02 {args:?} should exit with 2");
        assert!(
            err.starts_with("lesson02: "),
            "lesson02 {args:?} said: {err}"
        );
        assert!(
            !err.contains("panicked"),
            "lesson02 {args:?} panicked: {err}"
        );
    }
}

/// Host arguments that would inject into the request line are refused,
/// each with one line, before anything is sent; the exit status says so.
#[test]
fn hostile_hosts_are_refused_with_one_line_each() {
    let hostile = ["evil.test\r\nX-Injected: 1", "two words", "a/b:80"];
    let (code, out, err) = lesson02(&[&["wget"][..], &hostile].concat());
    assert_eq!(
        code, 1,
        "refused hosts should make wget exit with 1: {out}{err}"
    );
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(" error > ")).collect();
    assert_eq!(errors.len(), 3, "{out}");
    for line in errors {
        assert!(line.contains("refused to send"), "{line}");
    }
    assert!(
        !out.contains("\r"),
        "a carriage return from the host argument reached the output: {out:?}"
    );
}
