//! Step 3: names. A client's first line is its name; the names in use sit
//! in a set behind a `std::sync::Mutex` (chapter 5: locked briefly, never
//! across an `.await`), and everyone hears who joins and who leaves.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::step1_echo::accept;

/// A line said in the room, and the name of who said it.
#[derive(Debug, Clone)]
pub struct Said {
    pub from: String,
    pub line: String,
}

type Names = Arc<Mutex<HashSet<String>>>;

/// Accepts for ever (step 1's `accept`); every connection joins the one
/// room once named.
pub async fn serve(listener: TcpListener) {
    let (room, _) = broadcast::channel::<Said>(64);
    let names: Names = Arc::default();
    loop {
        let (stream, peer) = accept(&listener).await;
        let (room, names) = (room.clone(), Arc::clone(&names));
        tokio::spawn(async move {
            if let Err(e) = client(stream, room, names).await {
                tracing::debug!(%peer, error = %e, "client ended by an error");
            }
        });
    }
}

/// Says `line` in the room; nobody there to hear it is not an error, but
/// the line is dropped, and the log says so.
fn say(room: &broadcast::Sender<Said>, from: &str, line: String) {
    if room
        .send(Said {
            from: from.to_string(),
            line,
        })
        .is_err()
    {
        tracing::debug!("nobody to hear a line: dropped");
    }
}

// ANCHOR: name
/// A name in use, held by one client's task. Dropping it gives the name
/// back and tells the room, however the task ends: it returns, fails, is
/// aborted, or is dropped with the runtime. A line after the chat's last
/// `.await` would run only in the first two cases.
struct Claim {
    names: Names,
    name: String,
    room: broadcast::Sender<Said>,
}

impl Drop for Claim {
    fn drop(&mut self) {
        // A poisoned lock still holds the set: the name is given back anyway.
        let mut names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        names.remove(&self.name);
        drop(names);
        say(&self.room, &self.name, format!("* {} left", self.name));
    }
}

/// Takes `name` if it is free. Checking and inserting under one lock is
/// what makes two clients asking for the same name at once safe: one wins.
fn claim(names: &Names, room: &broadcast::Sender<Said>, name: &str) -> Option<Claim> {
    let free = !name.is_empty() && names.lock().expect("poisoned").insert(name.to_string());
    free.then(|| Claim {
        names: Arc::clone(names),
        name: name.to_string(),
        room: room.clone(),
    })
}

async fn client(
    stream: TcpStream,
    room: broadcast::Sender<Said>,
    names: Names,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"* your name?\n").await?;
    let claimed = loop {
        let Some(asked) = lines.next_line().await? else {
            return Ok(());
        };
        if let Some(claimed) = claim(&names, &room, asked.trim()) {
            break claimed;
        }
        write
            .write_all(b"! that name is taken, or empty: try another\n")
            .await?;
    };
    let name = claimed.name.clone();
    let mut heard = room.subscribe();
    say(&room, &name, format!("* {name} joined"));
    write
        .write_all(format!("* hello {name}\n").as_bytes())
        .await?;
    // Returns, with `?`, or never (an abort): `claimed` is dropped either way.
    chat(&name, &mut lines, &mut write, &room, &mut heard).await
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
                Some(line) => say(room, name, format!("{name}: {line}")),
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

    /// A client named "ann", in a task of `spawn`'s, once it has its hello;
    /// the client's end of the connection comes back too.
    async fn named_ann(
        spawn: impl FnOnce(std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>),
        room: &broadcast::Sender<Said>,
        names: &Names,
    ) -> BufReader<TcpStream> {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut ann = BufReader::new(
            TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap(),
        );
        let (stream, _) = listener.accept().await.unwrap();
        let task = client(stream, room.clone(), Arc::clone(names));
        spawn(Box::pin(async move {
            let _ = task.await;
        }));
        assert_eq!(line(&mut ann).await, "* your name?\n");
        ann.get_mut().write_all(b"ann\n").await.unwrap();
        assert_eq!(line(&mut ann).await, "* hello ann\n");
        assert!(names.lock().unwrap().contains("ann"));
        ann
    }

    /// An aborted task never runs the code after its `.await`: the name
    /// comes back only because `Claim` gives it back in `drop`.
    #[tokio::test]
    async fn an_aborted_client_gives_its_name_back() {
        let (room, mut watch) = broadcast::channel::<Said>(64);
        let names: Names = Arc::default();
        let mut task = None;
        let _ann = named_ann(|f| task = Some(tokio::spawn(f)), &room, &names).await;
        let task = task.unwrap();
        task.abort();
        assert!(
            timeout(Duration::from_secs(5), task)
                .await
                .unwrap()
                .unwrap_err()
                .is_cancelled()
        );
        assert!(
            !names.lock().unwrap().contains("ann"),
            "the task was aborted and \"ann\" is still taken"
        );
        assert_eq!(watch.recv().await.unwrap().line, "* ann joined");
        assert_eq!(watch.recv().await.unwrap().line, "* ann left");
    }

    /// A runtime that shuts down drops its tasks mid-`.await`: the name
    /// comes back all the same.
    #[test]
    fn a_runtime_shut_down_gives_the_name_back() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (room, _watch) = broadcast::channel::<Said>(64);
        let names: Names = Arc::default();
        let handle = runtime.handle().clone();
        let ann = runtime.block_on(named_ann(|f| drop(handle.spawn(f)), &room, &names));
        drop(runtime);
        assert!(
            !names.lock().unwrap().contains("ann"),
            "the runtime was shut down and \"ann\" is still taken"
        );
        drop(ann);
    }
}
