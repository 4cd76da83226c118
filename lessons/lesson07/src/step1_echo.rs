//! Step 1: an echo server, one task per connection.
//!
//! The shape every later step keeps: an accept loop that hands each
//! connection to a task of its own, so a slow client holds up only its
//! own task. asyncio's `start_server` calls a handler per connection in
//! the same way; here the loop is written out.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: echo
/// Accepts connections for ever, each served by its own task.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _peer) = listener.accept().await?;
        tokio::spawn(echo(stream));
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
