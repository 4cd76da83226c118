//! The stand-in site the pipeline fetches from, on 127.0.0.1, so that
//! `cargo run -p lesson06` needs no internet. It speaks just enough
//! HTTP/1.0, as the note's `wget.py` did: one request a connection, an
//! answer, then the connection closes.
//!
//! `/page/N` answers N lines of text, after a delay that depends on N, so
//! that fetches finish out of order; anything else is 404. The Python twin
//! (`python/pipeline.py`) serves the same pages, so both print the same.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The longest request head the server reads, bytes.
const MAX_HEAD: usize = 8 * 1024;
/// How long it waits for a request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// The running server. Dropping this stops it.
#[derive(Debug)]
pub struct PageServer {
    /// Where it listens.
    pub addr: SocketAddr,
    _tasks: JoinSet<()>,
}

impl PageServer {
    /// Starts the server on a port the system picks.
    pub async fn start() -> io::Result<PageServer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let mut tasks = JoinSet::new();
        tasks.spawn(accept_loop(listener));
        Ok(PageServer {
            addr,
            _tasks: tasks,
        })
    }
}

/// The body of `/page/n`: `n` numbered lines.
pub fn page_body(n: u32) -> String {
    (1..=n).map(|k| format!("line {k} of page {n}\n")).collect()
}

/// How long `/page/n` takes to answer: 25 to 100 ms, so that the fetches
/// of neighbouring pages finish out of order.
pub fn page_delay(n: u32) -> Duration {
    Duration::from_millis(25 * (u64::from(n * 7 % 4) + 1))
}

async fn accept_loop(listener: TcpListener) {
    let mut connections = JoinSet::new();
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                connections.spawn(async move {
                    let _ = serve(stream).await;
                });
            }
            // Out of file descriptors, say: wait a little rather than spin.
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
        while connections.try_join_next().is_some() {}
    }
}

/// Reads a request head (bounded in size and time) and answers it.
async fn serve(mut stream: TcpStream) -> io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    let read_head = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            if head.len() > MAX_HEAD {
                return Err(io::Error::other("request head too long"));
            }
            let n = stream.read(&mut buf).await?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            head.extend_from_slice(&buf[..n]);
        }
        Ok(())
    };
    tokio::time::timeout(HEAD_TIMEOUT, read_head)
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    // "GET /path HTTP/1.0": the path is the second word.
    let line = head.split(|&b| b == b'\r').next().unwrap_or_default();
    let path = line.split(|&b| b == b' ').nth(1).unwrap_or_default();
    let page = std::str::from_utf8(path)
        .ok()
        .and_then(|p| p.strip_prefix("/page/"))
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| (1..=1000).contains(n));
    let (status, body) = match page {
        Some(n) => {
            tokio::time::sleep(page_delay(n)).await;
            ("200 OK", page_body(n))
        }
        None => ("404 Not Found", String::new()),
    };
    let answer = format!(
        "HTTP/1.0 {status}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(answer.as_bytes()).await?;
    stream.shutdown().await
}
