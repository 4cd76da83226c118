//! Small servers on 127.0.0.1, so that `cargo run -p lesson03` and the
//! tests need no internet: one that speaks (just enough) HTTP/1.1, one that
//! answers something else, and a port where nothing listens.
//!
//! The HTTP one does what the seed's `wget.py` did not: it bounds how much
//! of a request it reads and how long it waits for it.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

/// The longest request head the HTTP server reads.
const MAX_HEAD: usize = 8 * 1024;
/// How long it waits for a request head.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long `/slow` makes its client wait: longer than any sane timeout.
pub const SLOW: Duration = Duration::from_secs(60);
/// The first byte of a TLS handshake record.
const TLS_HANDSHAKE: u8 = 0x16;
/// The size of `/big`'s body.
pub const BIG: usize = 100_000;

/// The running servers. Dropping this stops them.
#[derive(Debug)]
pub struct LocalServers {
    /// The HTTP server: `/`, `/big`, `/slow`; `/moved` redirects to `/`,
    /// `/to-https` to `https://` this server (as many sites answer on port
    /// 80 today), `/escapes` sends a header holding terminal escapes,
    /// `/tab` one holding a tab;
    /// anything else is 404.
    pub http: SocketAddr,
    /// Answers every connection with an SSH greeting, not HTTP.
    pub not_http: SocketAddr,
    /// A port that was free a moment ago: connecting is refused.
    pub refused: SocketAddr,
    _tasks: JoinSet<()>,
}

impl LocalServers {
    /// Starts the servers on ports the system picks.
    pub async fn start() -> io::Result<LocalServers> {
        let http = TcpListener::bind("127.0.0.1:0").await?;
        let not_http = TcpListener::bind("127.0.0.1:0").await?;
        // Bind a port, note it, let it go: nothing listens there now.
        let refused = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
        let (http_addr, not_http_addr) = (http.local_addr()?, not_http.local_addr()?);
        let mut tasks = JoinSet::new();
        tasks.spawn(accept_loop(http, |s| Box::pin(serve_http(s))));
        tasks.spawn(accept_loop(not_http, |s| Box::pin(serve_not_http(s))));
        Ok(LocalServers {
            http: http_addr,
            not_http: not_http_addr,
            refused,
            _tasks: tasks,
        })
    }

    /// The URLs the program fetches when given none, one per kind of
    /// outcome.
    pub fn demo_urls(&self) -> Vec<String> {
        let http = self.http;
        vec![
            format!("http://{http}/"),
            format!("http://{http}/big"),
            format!("http://{http}/missing"),
            format!("http://{http}/slow"),
            format!("http://{}/", self.not_http),
            format!("http://{}/", self.refused),
            "http://exa mple.com/".to_string(),
            format!("https://{http}/"),
            format!("http://{http}/moved"),
            format!("http://{http}/to-https"),
        ]
    }
}

type Handler = fn(TcpStream) -> futures::future::BoxFuture<'static, io::Result<()>>;

/// Accepts connections for ever, one task each; a failing connection only
/// ends its own task.
async fn accept_loop(listener: TcpListener, handle: Handler) {
    let mut connections = JoinSet::new();
    loop {
        match listener.accept().await {
            Ok((stream, peer)) => {
                connections.spawn(async move {
                    // A client that hangs up mid-answer is the demo's business
                    // only: noted, not shown.
                    if let Err(error) = handle(stream).await {
                        tracing::debug!(%peer, %error, "stand-in server: connection failed");
                    }
                });
            }
            // Out of file descriptors, say: wait a little rather than spin.
            Err(error) => {
                tracing::debug!(%error, "stand-in server: accept failed");
                tokio::time::sleep(Duration::from_millis(10)).await
            }
        }
        // Forget the connections that are finished.
        while connections.try_join_next().is_some() {}
    }
}

/// Reads a request head (bounded in size and time), answers, and closes.
async fn serve_http(mut stream: TcpStream) -> io::Result<()> {
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
            if head[0] == TLS_HANDSHAKE {
                break; // a TLS client: no blank line is coming
            }
        }
        Ok(())
    };
    tokio::time::timeout(HEAD_TIMEOUT, read_head)
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    if head[0] == TLS_HANDSHAKE {
        // Answer in plain text, as a plain-HTTP server does; the client's
        // TLS layer then reports that this was no TLS server.
        let answer = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
        stream.write_all(answer).await?;
        return stream.shutdown().await;
    }
    // "GET /path HTTP/1.1": the path is the second word.
    let line = head.split(|&b| b == b'\r').next().unwrap_or_default();
    let path = line.split(|&b| b == b' ').nth(1).unwrap_or_default();
    let me = stream.local_addr()?;
    let mut extra = String::new();
    let (status, body) = match path {
        b"/" => ("200 OK", b"<h1>Index</h1>".to_vec()),
        b"/moved" | b"/to-https" => {
            let scheme = if path == b"/moved" { "http" } else { "https" };
            extra = format!("location: {scheme}://{me}/\r\n");
            ("301 Moved Permanently", Vec::new())
        }
        b"/escapes" => {
            // The terminal's title, then a cleared screen, if printed raw.
            extra = "x-evil: a\x1b]0;pwned\x07\x1b[2Jcleared\r\n".into();
            ("200 OK", Vec::new())
        }
        b"/tab" => {
            // The one control character HTTP allows in a header value.
            extra = "x-tab: a\tb\r\n".into();
            ("200 OK", Vec::new())
        }
        b"/big" => ("200 OK", vec![b'x'; BIG]),
        b"/slow" => {
            tokio::time::sleep(SLOW).await;
            ("200 OK", b"<h1>finally</h1>".to_vec())
        }
        _ => ("404 Not Found", b"<h1>not found</h1>".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\n{extra}content-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

/// Waits for the request, then answers with an SSH greeting and closes:
/// what a client sees when it speaks HTTP to the wrong kind of server.
async fn serve_not_http(mut stream: TcpStream) -> io::Result<()> {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(HEAD_TIMEOUT, stream.read(&mut buf))
        .await
        .map_err(|_| io::Error::from(io::ErrorKind::TimedOut))??;
    stream.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await?;
    stream.shutdown().await
}
