//! The stand-in server the program's fetches go to: plain HTTP/1.1 on
//! 127.0.0.1, keep-alive, every `GET /page/N` answered with a text body of
//! `name,number` lines that depends on N. Not what the lesson teaches; the
//! program needs a server that answers a thousand requests quickly and the
//! same way for aiohttp and for reqwest.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Lines in every body (about 12 bytes each).
pub const LINES: u64 = 600;

/// Longest request head the server reads before it closes the connection.
const HEAD_LIMIT: usize = 8 * 1024;

/// Page `n`'s body: `LINES` lines of `row{i},{number}`.
pub fn page(n: u64) -> String {
    (0..LINES)
        .map(|i| format!("row{i},{}\n", (n * 31 + i * 7) % 1000))
        .collect()
}

/// Starts the server on its own thread and runtime; returns its address.
pub fn start() -> std::io::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    std::thread::Builder::new()
        .name("stand-in server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the stand-in server");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("a tokio listener");
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(serve(stream));
                }
            });
        })?;
    Ok(addr)
}

/// Answers the requests of one connection until it closes or misbehaves.
async fn serve(mut stream: TcpStream) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            if buffer.len() > HEAD_LIMIT {
                return;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).to_string();
        buffer.drain(..end);
        let path = head.split_whitespace().nth(1).unwrap_or("/");
        let response = match path
            .strip_prefix("/page/")
            .and_then(|n| n.parse::<u64>().ok())
        {
            Some(n) => {
                let body = page(n);
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )
            }
            None => "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_string(),
        };
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}
