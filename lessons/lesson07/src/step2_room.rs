//! Step 2: a room. Every connection's task holds a receiver of one
//! `broadcast` channel (chapter 6: each receiver gets every message sent
//! after it subscribed) and `select!`s between its client's next line and
//! the room's next message, whichever comes first.
//!
//! Nobody has a name yet: a message is shown with the sender's address.

use std::net::SocketAddr;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::step1_echo::accept;

/// A line said in the room, and by whom (its sender is not sent it back).
#[derive(Debug, Clone)]
pub struct Said {
    pub from: SocketAddr,
    pub line: String,
}

// ANCHOR: room
/// Accepts for ever (step 1's `accept`); every connection joins the one room.
pub async fn serve(listener: TcpListener) {
    // The room keeps up to 64 messages for a receiver that is behind.
    let (room, _) = broadcast::channel::<Said>(64);
    loop {
        let (stream, peer) = accept(&listener).await;
        let room = room.clone();
        tokio::spawn(async move {
            if let Err(e) = client(stream, peer, room).await {
                tracing::debug!(%peer, error = %e, "client ended by an error");
            }
        });
    }
}
// ANCHOR_END: room

// ANCHOR: client
async fn client(
    stream: TcpStream,
    peer: SocketAddr,
    room: broadcast::Sender<Said>,
) -> std::io::Result<()> {
    let mut heard = room.subscribe();
    let (read, mut write) = stream.into_split();
    // Said once subscribed: from here on, this client misses nothing.
    write
        .write_all(format!("* you are {peer}\n").as_bytes())
        .await?;
    let mut lines = BufReader::new(read).lines();
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => {
                    // An error means nobody else is here: the line is dropped.
                    if room.send(Said { from: peer, line: format!("{peer}: {line}") }).is_err() {
                        tracing::debug!(%peer, "nobody to hear a line: dropped");
                    }
                }
                None => return Ok(()),
            },
            said = heard.recv() => match said {
                Ok(said) if said.from == peer => {}
                Ok(said) => write.write_all(format!("{}\n", said.line).as_bytes()).await?,
                Err(RecvError::Lagged(missed)) => {
                    let notice = format!("* you missed {missed} messages\n");
                    write.write_all(notice.as_bytes()).await?;
                }
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
}
// ANCHOR_END: client

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    /// One client's line reaches the other, and not its own sender.
    #[tokio::test]
    async fn a_line_reaches_the_others_only() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        let mut a = BufReader::new(TcpStream::connect(addr).await.unwrap());
        let mut b = BufReader::new(TcpStream::connect(addr).await.unwrap());
        // Each greeting says its task has subscribed to the room.
        for client in [&mut a, &mut b] {
            let mut greeting = String::new();
            timeout(Duration::from_secs(5), client.read_line(&mut greeting))
                .await
                .unwrap()
                .unwrap();
            assert!(greeting.starts_with("* you are "), "{greeting:?}");
        }
        a.get_mut().write_all(b"hi\n").await.unwrap();
        b.get_mut().write_all(b"there\n").await.unwrap();
        let mut got = String::new();
        timeout(Duration::from_secs(5), b.read_line(&mut got))
            .await
            .unwrap()
            .unwrap();
        assert!(got.ends_with(": hi\n"), "b got {got:?}");
        got.clear();
        timeout(Duration::from_secs(5), a.read_line(&mut got))
            .await
            .unwrap()
            .unwrap();
        assert!(
            got.ends_with(": there\n"),
            "a got {got:?}, not b's line: its own came back?"
        );
    }
}
