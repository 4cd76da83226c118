//! The note's `wget.py` (passage C2) over raw TCP with tokio, with every
//! bound the original lacks.
//!
//! `wget.py` connects to port 80 of three hosts at once, sends an HTTP/1.0
//! request by hand and prints header lines until the blank line. It trusts
//! the server completely: a line may be endlessly long, the headers may
//! never end, the server may never answer, a byte that is not UTF-8 raises
//! `UnicodeDecodeError`, and one failing host stops the whole run with a
//! traceback. And it trusts its own input: a host name holding `\r\n` would
//! write extra lines into the request.
//!
//! This version bounds all of it ([`Limits`]): a line may hold at most
//! `max_line` bytes, there may be at most `max_headers` header lines, and
//! each connection, from connecting to the blank line, has `timeout` to
//! finish. Bytes that are not UTF-8 are shown with U+FFFD in their place,
//! and control characters as escapes ([`lessonkit::printable`]), so a server cannot
//! drive the terminal the program prints to.
//! Each host ends with its headers or with one line saying what went wrong
//! ([`FetchError`]), and the other hosts go on. A host name is checked
//! before anything is sent ([`Target::parse`], with the rules in
//! [`crate::host_name`]).
//!
//! The stand-ins it fetches from offline, some misbehaving on purpose, are
//! in [`crate::servers`]; the tests of the bounds against them are there too.

use std::fmt;
use std::io;
use std::time::Duration;

use lessonkit::say;

/// Every bound on one fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes one line may hold before its `\n`.
    pub max_line: usize,
    /// The most header lines after the status line.
    pub max_headers: usize,
    /// From starting to connect until the blank line that ends the headers.
    pub timeout: Duration,
}

impl Default for Limits {
    /// 8 KiB lines and 100 headers, as many servers allow (nginx's default
    /// buffer for a request header line is 8 KiB); 10 seconds per host.
    fn default() -> Self {
        Limits {
            max_line: 8 * 1024,
            max_headers: 100,
            timeout: Duration::from_secs(10),
        }
    }
}

/// What came back: the status line and the header lines, as text that is
/// safe to print ([`lessonkit::printable`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub status: String,
    pub headers: Vec<String>,
}

/// Why one host gave no headers. Each prints as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The host argument could not go into a request safely.
    BadHost(String),
    /// Connecting failed: refused, unreachable, unknown name.
    Connect(String),
    /// The connection did not finish within the limit.
    TimedOut(Duration),
    /// A line ran past the limit without a `\n`.
    LineTooLong { limit: usize },
    /// The headers did not end within the limit.
    TooManyHeaders { limit: usize },
    /// The first line is not an HTTP status line.
    NotHttp(String),
    /// The server closed the connection before the blank line.
    Closed,
    /// The server closed the connection in the middle of a line.
    Unterminated,
    /// Reading or writing failed after connecting.
    Io(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadHost(why) => write!(f, "refused to send: {why}"),
            FetchError::Connect(e) => write!(f, "could not connect: {e}"),
            FetchError::TimedOut(d) => write!(f, "timed out after {} ms", d.as_millis()),
            FetchError::LineTooLong { limit } => {
                write!(f, "a line ran past {limit} bytes without ending")
            }
            FetchError::TooManyHeaders { limit } => {
                write!(f, "more than {limit} header lines; gave up")
            }
            FetchError::NotHttp(line) => write!(f, "not an HTTP status line: \"{line}\""),
            FetchError::Closed => write!(f, "the server closed before the end of the headers"),
            FetchError::Unterminated => write!(f, "the server closed in the middle of a line"),
            FetchError::Io(e) => write!(f, "connection failed: {e}"),
        }
    }
}

impl std::error::Error for FetchError {}

impl From<io::Error> for FetchError {
    fn from(e: io::Error) -> Self {
        FetchError::Io(e.to_string())
    }
}

// ANCHOR: target
use crate::host_name;

/// Where to connect, and what to name in the request's `Host:` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `name` or `name:port`, exactly as it goes into `Host:`.
    pub host: String,
    /// What to connect to: `name:port`, or a local stand-in's address.
    pub connect_to: String,
}

impl Target {
    /// Checks a host argument (`name` or `name:port`; port 80 if none) and
    /// refuses anything that could change the request. The seed formats the
    /// name straight into `'GET / HTTP/1.0\r\nHOST: %s\r\n\r\n'`, so a name
    /// holding `\r\n` adds lines of the caller's choosing. The rules, and
    /// the way each refusal says how to write the host, are in
    /// [`host_name::check`].
    pub fn parse(arg: &str) -> Result<Target, FetchError> {
        let (name, port) = host_name::check(arg)
            .map_err(|why| FetchError::BadHost(format!("host {arg:?}: {why}")))?;
        Ok(Target {
            host: arg.to_string(),
            connect_to: format!("{name}:{port}"),
        })
    }

    /// The seed's request: HTTP/1.0, so the server closes the connection
    /// after answering and no `Content-Length` bookkeeping is needed.
    pub fn request(&self) -> String {
        format!("GET / HTTP/1.0\r\nHost: {}\r\n\r\n", self.host)
    }
}
// ANCHOR_END: target

// ANCHOR: read_line
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

/// Reads one line of at most `max` bytes before its `\n`, without the
/// `\n` and without a `\r` before it. `Ok(None)`: the connection closed
/// before a line began.
///
/// `take(max + 1)` is the bound: `read_until` stops at the `\n`, or after
/// `max + 1` bytes, whichever comes first, so a line that never ends costs
/// at most that much memory. (Exercise 02-4 writes the same bound by hand.)
/// Python's `StreamReader.readline()` has a limit too, 64 KiB by default,
/// which the seed never mentions.
pub async fn read_line<R>(reader: &mut R, max: usize) -> Result<Option<Vec<u8>>, FetchError>
where
    R: AsyncBufRead + Unpin,
{
    let mut line = Vec::new();
    let bound = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let read = (&mut *reader)
        .take(bound)
        .read_until(b'\n', &mut line)
        .await?;
    if read == 0 {
        return Ok(None);
    }
    if line.last() != Some(&b'\n') {
        return Err(match line.len() > max {
            true => FetchError::LineTooLong { limit: max },
            false => FetchError::Unterminated,
        });
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(line))
}
// ANCHOR_END: read_line

// ANCHOR: read_head
/// Reads the status line and the header lines up to the blank line, as
/// printable text.
pub async fn read_head<R>(reader: &mut R, limits: &Limits) -> Result<Head, FetchError>
where
    R: AsyncBufRead + Unpin,
{
    let text = lessonkit::printable_bytes;
    let status = match read_line(reader, limits.max_line).await? {
        Some(line) => text(&line),
        None => return Err(FetchError::Closed),
    };
    if !status.starts_with("HTTP/") {
        let shown: String = status.chars().take(60).collect();
        return Err(FetchError::NotHttp(shown));
    }
    let mut headers = Vec::new();
    loop {
        match read_line(reader, limits.max_line).await? {
            None => return Err(FetchError::Closed),
            Some(line) if line.is_empty() => return Ok(Head { status, headers }),
            Some(_) if headers.len() == limits.max_headers => {
                return Err(FetchError::TooManyHeaders {
                    limit: limits.max_headers,
                });
            }
            Some(line) => headers.push(text(&line)),
        }
    }
}
// ANCHOR_END: read_head

// ANCHOR: fetch
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Sends the request on an open connection and reads the head back.
pub async fn exchange<S>(stream: S, target: &Target, limits: &Limits) -> Result<Head, FetchError>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut stream = BufReader::new(stream);
    stream.write_all(target.request().as_bytes()).await?;
    stream.flush().await?;
    read_head(&mut stream, limits).await
}

/// Connects, sends, reads: all of it within `limits.timeout`.
pub async fn fetch(target: &Target, limits: &Limits) -> Result<Head, FetchError> {
    let whole = async {
        let stream = TcpStream::connect(&target.connect_to)
            .await
            .map_err(|e| FetchError::Connect(e.to_string()))?;
        exchange(stream, target, limits).await
    };
    match tokio::time::timeout(limits.timeout, whole).await {
        Ok(result) => result,
        Err(_elapsed) => Err(FetchError::TimedOut(limits.timeout)),
    }
}
// ANCHOR_END: fetch

// ANCHOR: wget_all
/// Fetches every host at once, as `asyncio.wait(tasks)` does in the seed,
/// printing each host's headers (or its one error line) as it finishes.
/// Returns the results in the order of `hosts`. A host that was refused
/// by [`Target::parse`] is reported without connecting.
pub async fn wget_all(
    hosts: Vec<(String, Result<Target, FetchError>)>,
    limits: Limits,
    print: bool,
) -> Vec<(String, Result<Head, FetchError>)> {
    let mut tasks = tokio::task::JoinSet::new();
    for (i, (name, target)) in hosts.iter().cloned().enumerate() {
        if print {
            say!("wget {}...", name.escape_debug());
        }
        tasks.spawn(async move {
            let result = match target {
                Ok(target) => fetch(&target, &limits).await,
                Err(e) => Err(e),
            };
            (i, name, result)
        });
    }
    let mut results: Vec<Option<(String, Result<Head, FetchError>)>> = vec![None; hosts.len()];
    while let Some(joined) = tasks.join_next().await {
        let (i, name, result) = joined.expect("a fetch task panicked");
        if print {
            print_result(&name, &result);
        }
        results[i] = Some((name, result));
    }
    results.into_iter().flatten().collect()
}
// ANCHOR_END: wget_all

/// Prints one host's result the way the seed prints its lines.
pub fn print_result(name: &str, result: &Result<Head, FetchError>) {
    let name = name.escape_debug();
    match result {
        Ok(head) => {
            for line in std::iter::once(&head.status).chain(&head.headers) {
                say!("{name} header > {}", line.trim_end());
            }
        }
        Err(e) => say!("{name} error > {e}"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A current-thread runtime, on tokio's paused clock if `paused`.
    pub(crate) fn runtime(paused: bool) -> tokio::runtime::Runtime {
        let mut b = tokio::runtime::Builder::new_current_thread();
        b.enable_all();
        if paused {
            b.start_paused(true);
        }
        b.build().unwrap()
    }

    /// Limits small enough to hit quickly, and a timeout no test reaches on
    /// the real clock unless something hangs.
    pub(crate) const SMALL: Limits = Limits {
        max_line: 256,
        max_headers: 10,
        timeout: Duration::from_secs(5),
    };

    /// Over an in-memory pipe: the request goes out byte for byte as the
    /// seed's (with `Host`), and the answer comes back as a head.
    #[test]
    fn exchange_sends_the_request_and_reads_the_head() {
        let (request, head) = runtime(true).block_on(async {
            let (client, mut server) = tokio::io::duplex(1024);
            let answer = tokio::spawn(async move {
                let mut request = vec![0; 64];
                let n = server.read(&mut request).await.unwrap();
                request.truncate(n);
                server
                    .write_all(b"HTTP/1.0 404 Not Found\r\nServer: pipe\r\n\r\n")
                    .await
                    .unwrap();
                request
            });
            let target = Target::parse("example.test").unwrap();
            let head = exchange(client, &target, &SMALL).await;
            (answer.await.unwrap(), head)
        });
        assert_eq!(request, b"GET / HTTP/1.0\r\nHost: example.test\r\n\r\n");
        assert_eq!(
            head,
            Ok(Head {
                status: "HTTP/1.0 404 Not Found".into(),
                headers: vec!["Server: pipe".into()],
            })
        );
    }

    /// Lines end at `\n`, lose a `\r` before it, and a clean close before a
    /// line is `None`.
    #[test]
    fn read_line_splits_lines() {
        let lines = runtime(false).block_on(async {
            let mut input: &[u8] = b"one\r\ntwo\n\r\n";
            let mut lines = Vec::new();
            while let Some(line) = read_line(&mut input, 16).await.unwrap() {
                lines.push(line);
            }
            lines
        });
        assert_eq!(lines, [b"one".to_vec(), b"two".to_vec(), Vec::new()]);
    }
}
