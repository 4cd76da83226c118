//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is. None of them
//! waits out hello's second or touches the network.

fn lesson02(args: &[&str]) -> (i32, String, String) {
    testkit::run_program(env!("CARGO_BIN_EXE_lesson02"), args)
}

/// A bad argument gets one clear line and the usage, not a panic.
#[test]
fn bad_arguments_get_a_clear_error() {
    testkit::assert_refused(
        env!("CARGO_BIN_EXE_lesson02"),
        "lesson02",
        &[
            &["hello", "--tasks", "lots"],
            &["hello", "--tasks", "0"],
            &["hello", "--tasks", "1000001"],
            &["hello", "--runtime", "asyncio"],
            &["compare", "--tasks"],
            &["wget", "--timeout", "-1"],
            &["wget", "--timeout", "0"],
            &["wget", "--tiemout", "5"],
            &["dance"],
        ],
    );
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

/// A one-connection server on 127.0.0.1 that reads the request and sends
/// `answer`: the port, for `wget 127.0.0.1:PORT`.
fn answer_once(answer: &'static [u8]) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        let mut request = Vec::new();
        let mut buf = [0; 256];
        while !request.ends_with(b"\r\n\r\n") {
            match socket.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let _ = socket.write_all(answer);
    });
    port
}

/// The issue's server: a header that would set the terminal's title and
/// clear the screen. Nothing it sent reaches the output as a control
/// character; it shows escaped.
#[test]
fn a_server_cannot_drive_the_terminal() {
    let port = answer_once(b"HTTP/1.0 200 OK\r\nX-Evil: a\x1b]0;pwned\x07\x1b[2Jcleared\r\n\r\n");
    let (code, out, err) = lesson02(&["wget", "--timeout", "5", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 0, "{out}{err}");
    let raw: Vec<char> = out
        .chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect();
    assert!(raw.is_empty(), "raw control characters {raw:?} in {out:?}");
    assert!(
        out.contains(r"X-Evil: a\u{1b}]0;pwned\u{7}\u{1b}[2Jcleared"),
        "{out}"
    );
    assert!(out.contains("\n1 host, 1 answered, 0 failed."), "{out}");
}

/// A redirect to https (what the note's hosts answer on port 80 today) is
/// shown, status and `Location`, and not followed: this wget speaks
/// plain HTTP.
#[test]
fn a_redirect_to_https_shows_status_and_location() {
    let port =
        answer_once(b"HTTP/1.0 301 Moved Permanently\r\nLocation: https://www.163.com/\r\n\r\n");
    let host = format!("127.0.0.1:{port}");
    let (code, out, err) = lesson02(&["wget", "--timeout", "5", &host]);
    assert_eq!(code, 0, "{out}{err}");
    for line in [
        format!("{host} header > HTTP/1.0 301 Moved Permanently"),
        format!("{host} header > Location: https://www.163.com/"),
    ] {
        assert!(out.contains(&line), "no line {line:?} in {out}");
    }
}

/// A URL where a host belongs is refused before connecting, naming the
/// host to give instead.
#[test]
fn a_url_is_not_a_host() {
    let (code, out, err) = lesson02(&["wget", "http://example.invalid/"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(r#"give HOST[:PORT], not a URL: here "example.invalid""#),
        "{out}"
    );
}
