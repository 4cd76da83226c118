//! Exercise 07-1: one client's loop, between its socket and the room.
//!
//! A client's task waits on two things at once: the client's next line
//! and the room's next message. Whichever comes first is handled, and the
//! task waits again. Waiting on one and then the other would leave a quiet
//! client deaf to the room, or a busy room unable to hear the client.
//!
//! Write `relay`: until the client's lines end (`from_client` gives
//! `None`), `select!` between
//! - the client's next line `text`: send `Said { from: name, line: "NAME: TEXT" }`
//!   into the room (nobody listening is not an error);
//! - the room's next `Said`: send its `line` to the client on `to_client`,
//!   unless `from` is this client's own name (it has its line on screen
//!   already). If the room is closed, or lags, return (exercise 07-2
//!   handles lag properly).
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex1`.

use tokio::sync::{broadcast, mpsc};

/// A line said in the room, and the name of who said it.
#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub from: String,
    pub line: String,
}

pub async fn relay(
    name: &str,
    mut from_client: mpsc::Receiver<String>,
    to_client: mpsc::Sender<String>,
    room: broadcast::Sender<Said>,
) {
    let mut heard = room.subscribe();
    // TODO: loop over a `tokio::select!` of `from_client.recv()` and
    // `heard.recv()`, as the task above says.
    loop {
        tokio::select! {
            text = from_client.recv() => match text {
                Some(text) => {
                    let line = format!("{name}: {text}");
                    // Nobody listening is not an error, but the line is lost.
                    if room.send(Said { from: name.to_string(), line }).is_err() {
                        tracing::debug!("nobody in the room: a line dropped");
                    }
                }
                None => return,
            },
            said = heard.recv() => match said {
                Ok(said) if said.from == name => {}
                Ok(said) => {
                    if to_client.send(said.line).await.is_err() {
                        return;
                    }
                }
                Err(_) => return,
            },
        }
    }
}
