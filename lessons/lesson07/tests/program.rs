//! The lesson's program, run as a learner runs it: an address it cannot
//! listen on gets one line that names that address and why (exit status
//! 2), never a panic and never a guess about the other address.

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `lesson07 ARGS`, expecting it to stop at once (a server that
/// started instead is killed after 10 s, failing the test); its exit status
/// and standard error.
fn lesson07(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lesson07"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let limit = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > limit {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn refused(args: &[&str]) -> String {
    let (code, err) = lesson07(args);
    assert_eq!(
        code,
        Some(2),
        "lesson07 {args:?} should stop with status 2; it said {err:?}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "lesson07 {args:?}: one line, not {err:?}"
    );
    assert!(
        !err.contains("panicked"),
        "lesson07 {args:?} panicked: {err}"
    );
    err
}

/// An address that is not this machine's: the line names it, and its
/// option, not the page's address that was fine.
#[test]
fn an_address_not_of_this_machine_is_named() {
    let err = refused(&["--tcp", "1.2.3.4:8071", "--addr", "127.0.0.1:0"]);
    assert!(
        err.contains("1.2.3.4:8071") && err.contains("--tcp"),
        "the line should name 1.2.3.4:8071 and --tcp: {err}"
    );
    assert!(err.contains("not an address of this machine"), "{err}");
    assert!(
        !err.contains("127.0.0.1:0"),
        "the page's address was fine: {err}"
    );
}

/// An address another program holds: the line says so, for that address.
#[test]
fn an_address_in_use_is_named() {
    let other = TcpListener::bind("127.0.0.1:0").unwrap();
    let taken = other.local_addr().unwrap().to_string();
    let err = refused(&["--addr", &taken, "--tcp", "127.0.0.1:0"]);
    assert!(
        err.contains(&taken) && err.contains("--addr") && err.contains("another program"),
        "the line should name {taken}, --addr and another program: {err}"
    );
}

/// The same address for both: it is this server that would be there
/// twice, not another program.
#[test]
fn the_same_address_twice_is_this_server() {
    let err = refused(&["--addr", "127.0.0.1:18071", "--tcp", "127.0.0.1:18071"]);
    assert!(
        err.contains("both 127.0.0.1:18071") && err.contains("this server"),
        "{err}"
    );
    assert!(!err.contains("another program"), "{err}");
}
