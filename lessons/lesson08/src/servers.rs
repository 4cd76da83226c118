//! The stand-in server the program's fetches go to: plain HTTP/1.1 on
//! 127.0.0.1, keep-alive, every `GET /page/N` answered with a text body of
//! `name,number` lines that depends on N. Not what the lesson teaches; the
//! program needs a server that answers a thousand requests quickly and the
//! same way for aiohttp and for reqwest.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Lines in every body (about 11 bytes each: 6.4 KB a body).
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

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::time::Duration;

    use super::*;

    /// Reads one response (head and `content-length` bytes of body).
    fn response(stream: &mut std::net::TcpStream) -> (String, String) {
        let mut bytes = Vec::new();
        let mut byte = [0u8; 1];
        while !bytes.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).expect("a response head");
            bytes.push(byte[0]);
        }
        let head = String::from_utf8(bytes).expect("an ASCII head");
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("a content-length");
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).expect("the body");
        (head, String::from_utf8(body).expect("a text body"))
    }

    #[test]
    fn pages_on_one_kept_alive_connection_and_404_otherwise() {
        let addr = start().expect("the server starts");
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        for (path, status, body) in [
            ("/page/3", "200", page(3)),
            ("/page/4", "200", page(4)),
            ("/other", "404", String::new()),
        ] {
            write!(stream, "GET {path} HTTP/1.1\r\nhost: x\r\n\r\n").unwrap();
            let (head, got) = response(&mut stream);
            assert!(head.starts_with(&format!("HTTP/1.1 {status}")), "{head}");
            assert_eq!(got, body);
        }
        assert_eq!(page(3).lines().count() as u64, LINES);
        assert_ne!(page(3), page(4));
    }

    #[test]
    fn an_endless_head_is_cut_off() {
        let addr = start().expect("the server starts");
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let junk = vec![b'a'; HEAD_LIMIT + 4096];
        let _ = stream.write_all(&junk);
        let mut rest = Vec::new();
        // The server closes the connection: end of stream (or a reset).
        let _ = stream.read_to_end(&mut rest);
        assert!(rest.is_empty(), "the server answered an endless head");
    }
}
