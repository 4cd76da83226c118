//! The lesson's program, run as a learner or a script runs it: how it stops.
//!
//! Not part of the grader (`tests/exercises.rs`): the program uses no
//! exercise, so these pass before any is solved. Each test starts the real
//! binary on 127.0.0.1 port 0, talks to it over a socket, and waits at most
//! [`WAIT`] for anything.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The longest any step may take before the test fails, saying which.
const WAIT: Duration = Duration::from_secs(10);

/// The server, started with `args`, and its standard output line by line.
struct Server {
    child: Child,
    lines: mpsc::Receiver<String>,
    addr: SocketAddr,
}

impl Server {
    fn start(args: &[&str], stdin: Stdio) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lesson04"))
            .args(args)
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start the lesson04 program");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let banner = lines
            .recv_timeout(WAIT)
            .expect("the server printed no banner within 10 s");
        let addr = banner
            .rsplit_once("http://")
            .and_then(|(_, a)| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in the banner {banner:?}"));
        Server { child, lines, addr }
    }

    /// One `GET /` on a fresh connection: the status line, or why not.
    fn get(&self) -> Result<String, String> {
        let mut stream = TcpStream::connect_timeout(&self.addr, WAIT)
            .map_err(|e| format!("cannot connect: {e}"))?;
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .map_err(|e| format!("cannot send: {e}"))?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(|e| format!("no answer: {e}"))?;
        Ok(answer.lines().next().unwrap_or("").to_string())
    }

    /// The lines printed after the banner, up to the program's end (its
    /// standard output closes when it exits).
    fn rest(&self) -> Vec<String> {
        let mut rest = Vec::new();
        loop {
            match self.lines.recv_timeout(WAIT) {
                Ok(line) => rest.push(line),
                Err(mpsc::RecvTimeoutError::Disconnected) => return rest,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    panic!("the server was still running 10 s after it was told to stop: {rest:?}")
                }
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // A failed test must not leave its server behind.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Started with its input at its end (as `cargo run -p lesson04 &` from a
/// script, nohup, or a container without `-i` start it), the server keeps
/// serving, and stops on SIGTERM, saying that SIGTERM stopped it (the issue:
/// it printed its banner and stopped at once).
#[cfg(unix)]
#[test]
fn a_server_whose_input_is_at_its_end_keeps_serving_until_sigterm() {
    let mut server = Server::start(&["--addr", "127.0.0.1:0", "--no-sleep"], Stdio::null());
    for _ in 0..3 {
        let status = server.get();
        assert_eq!(
            status.as_deref(),
            Ok("HTTP/1.1 200 OK"),
            "a server started with its input at its end should keep serving"
        );
    }
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("cannot run kill");
    assert!(killed.success(), "kill -TERM failed");
    let rest = server.rest();
    assert_eq!(
        rest.last().map(String::as_str),
        Some("stopped by SIGTERM; every request in flight was answered"),
        "the last line should say what stopped the server; it printed {rest:?}"
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "a clean stop exits with 0, not {status}");
}

/// `--stop-when-input-ends`, for a tool that wants the server gone when it
/// goes: the server serves while the pipe is open, stops when it closes, and
/// says so.
#[test]
fn stop_when_input_ends_stops_when_the_pipe_closes() {
    let mut server = Server::start(
        &[
            "--addr",
            "127.0.0.1:0",
            "--no-sleep",
            "--stop-when-input-ends",
        ],
        Stdio::piped(),
    );
    assert_eq!(
        server.get().as_deref(),
        Ok("HTTP/1.1 200 OK"),
        "the server should serve while its input is open"
    );
    drop(server.child.stdin.take()); // the tool goes: its end of the pipe closes
    let rest = server.rest();
    assert_eq!(
        rest.last().map(String::as_str),
        Some(
            "stopped: standard input ended (--stop-when-input-ends); every request in flight \
             was answered"
        ),
        "the last line should say what stopped the server; it printed {rest:?}"
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "a clean stop exits with 0, not {status}");
}

/// A bad command line gets one line naming the problem and exit status 2,
/// never a panic.
#[test]
fn bad_arguments_get_one_line() {
    for args in [
        &["load", "--connections", "0"][..],
        &["load", "--backlog", "5"],
        &["serve", "--addr", "localhost"],
        &["--tiemout", "5"],
        &["dance"],
    ] {
        let (code, _, err) = testkit::run_program(env!("CARGO_BIN_EXE_lesson04"), args);
        assert_eq!(code, 2, "lesson04 {args:?} should exit with 2: {err}");
        assert!(
            err.starts_with("lesson04: ") && err.lines().count() == 1,
            "lesson04 {args:?} should say one line, not {err:?}"
        );
    }
}

/// `load` against `serve` (the line bench/ reads, then the load): every
/// request answered, and the report says so.
#[test]
fn load_measures_a_served_server() {
    let server = Server::start(
        &["serve", "--addr", "127.0.0.1:0", "--no-sleep"],
        Stdio::null(),
    );
    let addr = server.addr.to_string();
    let args = [
        "load",
        "--addr",
        &addr,
        "--connections",
        "4",
        "--requests",
        "40",
    ];
    let (code, text, err) = testkit::run_program(
        env!("CARGO_BIN_EXE_lesson04"),
        &[&args[..], &["--no-sleep"]].concat(),
    );
    assert_eq!(code, 0, "load failed: {text}{err}");
    assert!(
        text.starts_with("40 requests over 4 connections: 40 ok, 0 failed in "),
        "load should report 40 answers over 4 connections: {text}"
    );
}
