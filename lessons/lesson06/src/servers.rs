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

use futures::StreamExt;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;
use tokio_util::codec::{FramedRead, LinesCodec};

/// The longest line of a request head the server reads, bytes.
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

/// One task per connection. The tasks live in a `JoinSet` owned by the
/// loop, so dropping the server (which aborts the loop) aborts them too.
async fn accept_loop(listener: TcpListener) {
    let mut connections = JoinSet::new();
    loop {
        // Out of file descriptors, say: wait a little rather than spin.
        let Ok((stream, _)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        connections.spawn(async move {
            let _ = serve(stream).await;
        });
        while connections.try_join_next().is_some() {}
    }
}

/// Reads a request head, framed into lines as this lesson frames
/// everything (`LinesCodec` with a limit: an endless line is an error, not
/// a growing buffer), within a time limit, and answers it.
async fn serve(stream: TcpStream) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = FramedRead::new(read, LinesCodec::new_with_max_length(MAX_HEAD));
    let read_head = async {
        let request = lines.next().await.ok_or(io::ErrorKind::UnexpectedEof)?;
        // The headers, up to the blank line; none of them matters here.
        while let Some(header) = lines.next().await {
            if header.map_err(io::Error::other)?.trim_end().is_empty() {
                break;
            }
        }
        request.map_err(io::Error::other)
    };
    let line = tokio::time::timeout(HEAD_TIMEOUT, read_head)
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    // "GET /path HTTP/1.0": the path is the second word.
    let path = line.split(' ').nth(1).unwrap_or_default();
    let page = path
        .strip_prefix("/page/")
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
    write.write_all(answer.as_bytes()).await?;
    write.shutdown().await
}
