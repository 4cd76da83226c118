//! The room and one client's session: steps 2 to 4 together, as the final
//! server runs them, for both kinds of client.
//!
//! A [`Room`] is a `broadcast` channel (every client's task holds a
//! receiver) and the set of names in use. A session is one task per client:
//! it asks for a name, then `select!`s between the client's next line and
//! the room's next message until either side ends or the server stops.
//! It is written once, over a `Stream` of lines in and a `Sink` of lines
//! out, so a TCP client (lines framed by `LinesCodec`) and a browser (a
//! WebSocket's text messages) run the very same code: see `server.rs` and
//! `web.rs` for the two adapters.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::{Sink, SinkExt, Stream, StreamExt};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::limits::{BadName, Limits, RateLimit, check_message, check_name};

/// Messages the room keeps for a client that has not read them yet. A
/// client further behind than this gets `Lagged` (see [`session`]).
pub const ROOM_CAPACITY: usize = 256;

/// How long one line may take to reach a client before the server gives
/// up on it: a client that stopped reading (its TCP window full) must not
/// hold its task, and so the shutdown, for ever.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The server's first words to a new client.
pub const WELCOME: &str = "* welcome: type your name and press Enter";

/// What the server says to every client when it stops.
pub const GOODBYE: &str = "* the server is shutting down: goodbye";

// ANCHOR: room
/// One line said in the room, and who said it (so that its sender, who
/// already has it on screen, is not sent it back). `Arc<str>`: the
/// channel clones a message once per receiver, and this clone is a count.
#[derive(Debug, Clone)]
pub struct Said {
    pub from: u64,
    pub line: Arc<str>,
}

/// The chat room every client of one server shares.
#[derive(Debug)]
pub struct Room {
    said: broadcast::Sender<Said>,
    /// Lower-cased name to the name as its owner wrote it.
    names: Mutex<HashMap<String, String>>,
    next_id: AtomicU64,
    seats: Arc<Semaphore>,
    pub limits: Limits,
}
// ANCHOR_END: room

impl Room {
    pub fn new(limits: Limits) -> Arc<Room> {
        Arc::new(Room {
            said: broadcast::channel(ROOM_CAPACITY).0,
            names: Mutex::new(HashMap::new()),
            next_id: AtomicU64::new(1),
            seats: Arc::new(Semaphore::new(limits.max_clients)),
            limits,
        })
    }

    /// A seat for one more client, or `None` when `max_clients` are
    /// connected. The seat is given back when the permit is dropped.
    pub fn take_seat(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.seats).try_acquire_owned().ok()
    }

    /// The line a client gets when there is no seat for it.
    pub fn full_line(&self) -> String {
        format!(
            "! the room is full ({} clients): try again later",
            self.limits.max_clients
        )
    }

    fn say(&self, from: u64, line: String) {
        // No receiver at all is not an error (nobody is listening), but
        // the line is dropped, so the log says so.
        if self
            .said
            .send(Said {
                from,
                line: line.into(),
            })
            .is_err()
        {
            tracing::debug!("nobody in the room to hear a line: dropped");
        }
    }

    // ANCHOR: join
    /// Joins under the name `asked`, or says why not. The receiver is made
    /// before the name is announced, so the member misses nothing said
    /// after it joined.
    fn join(self: &Arc<Self>, asked: &str) -> Result<Member, BadName> {
        let mut names = self.names.lock().expect("the names' lock is poisoned");
        let name = check_name(asked, self.limits.max_name, |n| names.contains_key(n))?;
        let mut here: Vec<&str> = names.values().map(String::as_str).collect();
        here.sort_unstable();
        let hello = match here.as_slice() {
            [] => format!("* hello {name}: you are the first here"),
            [one] => format!("* hello {name}: {one} is here"),
            many => format!("* hello {name}: here are {}", many.join(", ")),
        };
        names.insert(name.to_lowercase(), name.clone());
        drop(names);
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let said = self.said.subscribe();
        self.say(id, format!("* {name} joined"));
        Ok(Member {
            room: Arc::clone(self),
            id,
            name,
            said,
            hello,
        })
    }
    // ANCHOR_END: join
}

/// A client that has joined. Dropping it (the session ends, however it
/// ends) frees the name and tells the room.
#[derive(Debug)]
struct Member {
    room: Arc<Room>,
    id: u64,
    name: String,
    said: broadcast::Receiver<Said>,
    hello: String,
}

impl Drop for Member {
    fn drop(&mut self) {
        let mut names = self.room.names.lock().expect("the names' lock is poisoned");
        names.remove(&self.name.to_lowercase());
        drop(names);
        self.room.say(self.id, format!("* {} left", self.name));
        tracing::info!(name = %lessonkit::printable(&self.name), "left");
    }
}

/// The client went away, or could not be written to in time (the log
/// has said which).
#[derive(Debug)]
struct Gone;

/// One line to the client, within [`WRITE_TIMEOUT`]. A line that cannot be
/// written ends the session; the log says why, at debug level.
async fn send<O>(out: &mut O, line: impl Into<String>) -> Result<(), Gone>
where
    O: Sink<String> + Unpin,
    O::Error: Display,
{
    match tokio::time::timeout(WRITE_TIMEOUT, out.send(line.into())).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => {
            tracing::debug!(error = %lessonkit::printable(&e.to_string()), "write failed: client gone");
            Err(Gone)
        }
        Err(_) => {
            tracing::debug!(timeout = ?WRITE_TIMEOUT, "write timed out: client not reading");
            Err(Gone)
        }
    }
}

/// One client, from its first line to its last: `input` yields its lines
/// (an `Err` is a line it may not send, such as one longer than
/// `max_frame`, which ends the session after saying so), `output` takes
/// the lines for it. Returns when the client leaves, cannot keep up with
/// writes for [`WRITE_TIMEOUT`], or `stop` is cancelled.
pub async fn session<I, O, E>(room: Arc<Room>, mut input: I, mut output: O, stop: CancellationToken)
where
    I: Stream<Item = Result<String, E>> + Unpin,
    O: Sink<String> + Unpin,
    O::Error: Display,
    E: Display,
{
    // A `Gone` has been logged where it happened, in `send`; the close is
    // tried either way, so the client sees the end, not a stall.
    let _gone = run(&room, &mut input, &mut output, &stop).await;
    match tokio::time::timeout(WRITE_TIMEOUT, output.close()).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            tracing::debug!(error = %lessonkit::printable(&e.to_string()), "closing failed");
        }
        Err(_) => tracing::debug!(timeout = ?WRITE_TIMEOUT, "closing timed out"),
    }
}

async fn run<I, O, E>(
    room: &Arc<Room>,
    input: &mut I,
    output: &mut O,
    stop: &CancellationToken,
) -> Result<(), Gone>
where
    I: Stream<Item = Result<String, E>> + Unpin,
    O: Sink<String> + Unpin,
    O::Error: Display,
    E: Display,
{
    send(output, WELCOME).await?;
    // One deadline for the name, however many tries it takes.
    let named_by = tokio::time::sleep(room.limits.name_time);
    tokio::pin!(named_by);
    let mut member = loop {
        let asked = tokio::select! {
            _ = stop.cancelled() => return send(output, GOODBYE).await,
            () = &mut named_by => {
                let secs = room.limits.name_time.as_secs_f64();
                return send(output, format!("! no name within {secs} s: goodbye")).await;
            }
            line = input.next() => match line {
                Some(Ok(line)) => line,
                Some(Err(e)) => return send(output, format!("! {e}: goodbye")).await,
                None => return Ok(()),
            },
        };
        match room.join(&asked) {
            Ok(member) => break member,
            Err(bad) => send(output, bad.to_string()).await?,
        }
    };
    tracing::info!(name = %lessonkit::printable(&member.name), "joined");
    send(output, std::mem::take(&mut member.hello)).await?;
    let mut limit = RateLimit::new(room.limits.burst, room.limits.refill, Instant::now());
    // ANCHOR: select
    loop {
        tokio::select! {
            _ = stop.cancelled() => return send(output, GOODBYE).await,
            line = input.next() => match line {
                Some(Ok(text)) if text.trim().is_empty() => {}
                Some(Ok(text)) => match check_message(&text, room.limits.max_message) {
                    Err(refusal) => send(output, refusal).await?,
                    Ok(_) if !limit.allow(Instant::now()) => {
                        send(output, "! slow down: that message was not sent").await?;
                    }
                    Ok(text) => room.say(member.id, format!("{}: {text}", member.name)),
                },
                Some(Err(e)) => return send(output, format!("! {e}: goodbye")).await,
                None => return Ok(()),
            },
            said = member.said.recv() => match said {
                Ok(said) if said.from == member.id => {}
                Ok(said) => send(output, &*said.line).await?,
                // ANCHOR: lagged
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "lagged");
                    send(output, format!("* you missed {missed} messages: your connection is too slow")).await?;
                }
                // ANCHOR_END: lagged
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
    // ANCHOR_END: select
}
