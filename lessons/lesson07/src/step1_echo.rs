//! Step 1: an echo server, one task per connection.
//!
//! The shape every later step keeps: an accept loop that hands each
//! connection to a task of its own, so a slow client holds up only its
//! own task. asyncio's `start_server` calls a handler per connection in
//! the same way; here the loop is written out. A failed `accept` is
//! logged and tried again, never the end of the server, and a
//! connection's error is logged, never dropped in silence.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: echo
/// Accepts connections for ever, each served by its own task.
pub async fn serve(listener: TcpListener) {
    loop {
        let (stream, peer) = accept(&listener).await;
        tokio::spawn(async move {
            if let Err(e) = echo(stream).await {
                tracing::debug!(%peer, error = %e, "connection ended by an error");
            }
        });
    }
}

/// Sends every line back until the client closes. The line length is not
/// limited yet: step 4 does that.
async fn echo(stream: TcpStream) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    while let Some(line) = lines.next_line().await? {
        write.write_all(format!("{line}\n").as_bytes()).await?;
    }
    Ok(())
}
// ANCHOR_END: echo

// ANCHOR: accept
/// The next connection. A failed `accept` is no reason to stop serving
/// everyone else: most of its errors pass (out of file descriptors,
/// `EMFILE`, until some client leaves; a connection reset before it was
/// accepted), so the error is logged and, after a pause that keeps a
/// lasting one from spinning a core, accept tries again.
pub async fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr) {
    loop {
        match listener.accept().await {
            Ok(accepted) => return accepted,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed; trying again");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}
// ANCHOR_END: accept

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    /// Two clients at once, each answered while the other stays connected.
    #[tokio::test]
    async fn two_clients_each_get_their_own_lines_back() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        let mut a = BufReader::new(TcpStream::connect(addr).await.unwrap());
        let mut b = BufReader::new(TcpStream::connect(addr).await.unwrap());
        for (client, text) in [(&mut a, "one\n"), (&mut b, "two\n")] {
            client.get_mut().write_all(text.as_bytes()).await.unwrap();
            let mut back = String::new();
            timeout(Duration::from_secs(5), client.read_line(&mut back))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(back, text);
        }
    }
}
