//! Step 5: the whole server, and how it stops.
//!
//! [`start`] binds both addresses and runs two accept loops, the line
//! protocol's here and the web side's in `web.rs`, every client in a task
//! of its own. [`Running::shutdown`] is the graceful stop that `main.rs`
//! runs on Ctrl-C or SIGTERM: one `CancellationToken` tells the accept
//! loops to stop accepting and every session to say goodbye; one
//! `TaskTracker` knows which tasks are still running, so the server can wait
//! for them, within a deadline, and then exit.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::codec::{FramedRead, FramedWrite, LinesCodec, LinesCodecError};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

use crate::chat::{Room, session};

/// How long a finished connection is kept open to read what its client
/// is still sending, so that the client gets the server's last line.
pub const LINGER: Duration = Duration::from_secs(5);
use crate::limits::Limits;
use crate::step1_echo::accept;
use crate::web;

/// Where to listen, and the limits to keep.
#[derive(Debug, Clone)]
pub struct Config {
    /// The page and its WebSocket (`/`, `/ws`).
    pub web: SocketAddr,
    /// The line protocol (`nc HOST PORT`).
    pub tcp: SocketAddr,
    pub limits: Limits,
}

/// A server that is running: its real addresses (port 0 becomes the port
/// the system gave), and what stops it.
#[derive(Debug)]
pub struct Running {
    pub web: SocketAddr,
    pub tcp: SocketAddr,
    pub room: Arc<Room>,
    stop: CancellationToken,
    tasks: TaskTracker,
}

/// An address the server could not listen on, and which of its two it was.
#[derive(Debug)]
pub struct CannotListen {
    /// `"--tcp"` (the line protocol) or `"--addr"` (the page).
    pub flag: &'static str,
    pub addr: SocketAddr,
    pub error: std::io::Error,
}

impl std::fmt::Display for CannotListen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let CannotListen { flag, addr, error } = self;
        let what = if *flag == "--tcp" {
            "the line protocol"
        } else {
            "the page"
        };
        let likely = match error.kind() {
            ErrorKind::AddrInUse => "another program listens there".to_string(),
            ErrorKind::AddrNotAvailable => {
                format!("{} is not an address of this machine", addr.ip())
            }
            ErrorKind::PermissionDenied => "ports below 1024 need privileges".to_string(),
            _ => "see the error".to_string(),
        };
        write!(
            f,
            "cannot listen for {what} on {addr} ({flag}): {error}; {likely}: choose another with {flag}"
        )
    }
}

/// A listener on `addr`, and the address it got (port 0 becomes a real
/// port); `flag` names the option the address came from.
async fn listen(
    flag: &'static str,
    addr: SocketAddr,
) -> Result<(TcpListener, SocketAddr), CannotListen> {
    let failed = |error| CannotListen { flag, addr, error };
    let listener = TcpListener::bind(addr).await.map_err(failed)?;
    let local = listener.local_addr().map_err(failed)?;
    Ok((listener, local))
}

// ANCHOR: start
/// Binds both addresses and starts accepting. An address that cannot be
/// listened on is an error here, before anything runs.
pub async fn start(config: Config) -> Result<Running, CannotListen> {
    let (tcp, tcp_addr) = listen("--tcp", config.tcp).await?;
    let (web, web_addr) = listen("--addr", config.web).await?;
    let room = Room::new(config.limits);
    let stop = CancellationToken::new();
    let tasks = TaskTracker::new();
    tasks.spawn(accept_lines(
        tcp,
        Arc::clone(&room),
        stop.clone(),
        tasks.clone(),
    ));
    tasks.spawn(web::serve(
        web,
        Arc::clone(&room),
        stop.clone(),
        tasks.clone(),
    ));
    Ok(Running {
        web: web_addr,
        tcp: tcp_addr,
        room,
        stop,
        tasks,
    })
}
// ANCHOR_END: start

impl Running {
    // ANCHOR: shutdown
    /// Stops accepting, tells every client (each session sends its
    /// goodbye and closes), and waits up to `deadline` for every task to
    /// end. Returns whether they all did; the tasks still running after
    /// the deadline end with the runtime, mid-sentence.
    pub async fn shutdown(&self, deadline: Duration) -> bool {
        self.stop.cancel();
        // No task is added after this, so `wait` can finish.
        self.tasks.close();
        tokio::time::timeout(deadline, self.tasks.wait())
            .await
            .is_ok()
    }
    // ANCHOR_END: shutdown

    /// Sessions and accept loops still running.
    pub fn tasks(&self) -> usize {
        self.tasks.len()
    }
}

// ANCHOR: accept_lines
/// The line protocol's accept loop: one task per client, until `stop`.
async fn accept_lines(
    listener: TcpListener,
    room: Arc<Room>,
    stop: CancellationToken,
    tasks: TaskTracker,
) {
    loop {
        // Step 1's `accept`: a failed accept is logged and tried again.
        let (stream, peer) = tokio::select! {
            _ = stop.cancelled() => break,
            accepted = accept(&listener) => accepted,
        };
        let span = tracing::info_span!("client", via = "tcp", %peer);
        tasks.spawn(line_client(stream, Arc::clone(&room), stop.clone()).instrument(span));
    }
    // Dropping the listener here closes the port at once: a client that
    // connects during the shutdown is refused, not left waiting.
}
// ANCHOR_END: accept_lines

// ANCHOR: line_client
/// One line-protocol client: its bytes framed into lines of at most
/// `max_frame` bytes (a longer line, or bytes that are not UTF-8, end the
/// connection with a line saying so), then the shared session.
async fn line_client(mut stream: TcpStream, room: Arc<Room>, stop: CancellationToken) {
    let Some(seat) = room.take_seat() else {
        let line = format!("{}\n", room.full_line());
        if let Err(e) = stream.write_all(line.as_bytes()).await {
            tracing::debug!(error = %e, "could not tell a client the room is full");
        }
        return;
    };
    let max = room.limits.max_frame;
    let (read, write) = stream.into_split();
    // The client gets a sentence of ours; the codec's own words go to the log.
    let mut lines = FramedRead::new(read, LinesCodec::new_with_max_length(max)).map(move |line| {
        line.map_err(|e| {
            tracing::info!(error = %lessonkit::printable(&e.to_string()), "unreadable line");
            match e {
                LinesCodecError::MaxLineLengthExceeded => format!("a line has at most {max} bytes"),
                LinesCodecError::Io(e) if e.kind() == ErrorKind::InvalidData => {
                    "that line is not UTF-8".to_string()
                }
                LinesCodecError::Io(_) => "the connection failed".to_string(),
            }
        })
    });
    let mut out = FramedWrite::new(write, LinesCodec::new());
    // Borrowed, so that the read half is still here once the session is over.
    session(Arc::clone(&room), &mut lines, &mut out, stop.clone()).await;
    // The session has sent its last line and shut down writing. Bytes the
    // client is still sending (the rest of a line too long) are read and
    // dropped: closing with them unread would send a reset, and the client
    // might never read that last line. The seat is free already.
    drop(seat);
    let mut read = lines.into_inner().into_inner();
    let mut dropped = tokio::io::sink();
    tokio::select! {
        _ = stop.cancelled() => {}
        drained = tokio::time::timeout(LINGER, tokio::io::copy(&mut read, &mut dropped)) => {
            if !matches!(drained, Ok(Ok(_))) {
                tracing::debug!("closing with the client's bytes unread");
            }
        }
    }
}
// ANCHOR_END: line_client
