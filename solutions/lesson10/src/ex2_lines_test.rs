//! Exercise 10-2: a scripted-IO test of a line reader.
//!
//! Write the test again. `read_lines_is_tested(read_lines)` gets a line
//! reader with the contract of [`crate::lines::read_lines`] and must panic
//! unless it keeps it: every line without its `\n`, a line the peer sends
//! in pieces comes back whole, a last line with no `\n` counts, and an
//! error from the peer comes back as that error. Feed it scripted peers,
//! `tokio_test::io::Builder::new().read(..).read(..).build()`: each
//! `read` is one chunk the reader receives, and `read_error` makes a read
//! fail. The grader runs your test against the right reader (it must pass)
//! and against three faulty ones in `faulty.rs` (each must fail): one that
//! takes each chunk for a line, one that drops a last line with no `\n`,
//! one that takes an error for the end of the stream.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex2`.

use std::io;

use tokio_test::io::{Builder, Mock};

/// Panics unless `read_lines` joins split lines, keeps a last line with no
/// `\n` and passes a read error on.
pub async fn read_lines_is_tested(read_lines: impl AsyncFn(Mock) -> io::Result<Vec<String>>) {
    // TODO: build scripted peers with `Builder` (a line cut across two
    // reads, a last line with no `\n`, a `read_error`) and assert on what
    // `read_lines` returns for each.
    let peer = Builder::new()
        .read(b"an")
        .read(b"n\nbo")
        .read(b"b\n")
        .build();
    let got = read_lines(peer).await.expect("no error in this script");
    assert_eq!(
        got,
        ["ann", "bob"],
        "lines cut across reads come back whole"
    );

    let peer = Builder::new().read(b"ann\nbob").build();
    let got = read_lines(peer).await.expect("no error in this script");
    assert_eq!(got, ["ann", "bob"], "a last line with no newline counts");

    let reset = io::Error::new(io::ErrorKind::ConnectionReset, "reset");
    let peer = Builder::new().read(b"ann\n").read_error(reset).build();
    let got = read_lines(peer).await.map_err(|e| e.kind());
    assert_eq!(
        got,
        Err(io::ErrorKind::ConnectionReset),
        "the error comes back"
    );
}
