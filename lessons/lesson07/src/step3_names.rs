//! Step 3: names. A client's first line is its name; the names in use sit
//! in a set behind a `std::sync::Mutex` (chapter 5: locked briefly, never
//! across an `.await`), and everyone hears who joins and who leaves.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};

/// A line said in the room, and the name of who said it.
#[derive(Debug, Clone)]
pub struct Said {
    pub from: String,
    pub line: String,
}

type Names = Arc<Mutex<HashSet<String>>>;

/// Accepts for ever; every connection joins the one room once named.
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    let (room, _) = broadcast::channel::<Said>(64);
    let names: Names = Arc::default();
    loop {
        let (stream, _peer) = listener.accept().await?;
        tokio::spawn(client(stream, room.clone(), Arc::clone(&names)));
    }
}

// ANCHOR: name
/// Takes `name` if it is free. Checking and inserting under one lock is
/// what makes two clients asking for the same name at once safe: one wins.
fn claim(names: &Names, name: &str) -> bool {
    !name.is_empty() && names.lock().expect("poisoned").insert(name.to_string())
}

async fn client(
    stream: TcpStream,
    room: broadcast::Sender<Said>,
    names: Names,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"* your name?\n").await?;
    let name = loop {
        let Some(asked) = lines.next_line().await? else {
            return Ok(());
        };
        let asked = asked.trim().to_string();
        if claim(&names, &asked) {
            break asked;
        }
        write
            .write_all(b"! that name is taken, or empty: try another\n")
            .await?;
    };
    let mut heard = room.subscribe();
    write
        .write_all(format!("* hello {name}\n").as_bytes())
        .await?;
    let _ = room.send(Said {
        from: name.clone(),
        line: format!("* {name} joined"),
    });
    let ended = chat(&name, &mut lines, &mut write, &room, &mut heard).await;
    // However the chat ended, even by an error, the name is given back.
    names.lock().expect("poisoned").remove(&name);
    let _ = room.send(Said {
        from: name.clone(),
        line: format!("* {name} left"),
    });
    ended
}
// ANCHOR_END: name

async fn chat(
    name: &str,
    lines: &mut tokio::io::Lines<BufReader<tokio::net::tcp::OwnedReadHalf>>,
    write: &mut tokio::net::tcp::OwnedWriteHalf,
    room: &broadcast::Sender<Said>,
    heard: &mut broadcast::Receiver<Said>,
) -> std::io::Result<()> {
    loop {
        tokio::select! {
            line = lines.next_line() => match line? {
                Some(line) => {
                    let _ = room.send(Said { from: name.to_string(), line: format!("{name}: {line}") });
                }
                None => return Ok(()),
            },
            said = heard.recv() => match said {
                Ok(said) if said.from == name => {}
                Ok(said) => write.write_all(format!("{}\n", said.line).as_bytes()).await?,
                Err(RecvError::Lagged(missed)) => {
                    write.write_all(format!("* you missed {missed} messages\n").as_bytes()).await?;
                }
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    async fn line(client: &mut BufReader<TcpStream>) -> String {
        let mut got = String::new();
        timeout(Duration::from_secs(5), client.read_line(&mut got))
            .await
            .unwrap()
            .unwrap();
        got
    }

    /// A taken name is refused; the two names then chat, and a leaving
    /// client frees its name.
    #[tokio::test]
    async fn names_are_unique_and_given_back() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        let mut ann = BufReader::new(TcpStream::connect(addr).await.unwrap());
        assert_eq!(line(&mut ann).await, "* your name?\n");
        ann.get_mut().write_all(b"ann\n").await.unwrap();
        assert_eq!(line(&mut ann).await, "* hello ann\n");
        let mut bob = BufReader::new(TcpStream::connect(addr).await.unwrap());
        line(&mut bob).await;
        bob.get_mut().write_all(b"ann\nbob\n").await.unwrap();
        assert!(line(&mut bob).await.starts_with("! that name is taken"));
        assert_eq!(line(&mut bob).await, "* hello bob\n");
        assert_eq!(line(&mut ann).await, "* bob joined\n");
        bob.get_mut().write_all(b"hi ann\n").await.unwrap();
        assert_eq!(line(&mut ann).await, "bob: hi ann\n");
        drop(bob);
        assert_eq!(line(&mut ann).await, "* bob left\n");
    }
}
