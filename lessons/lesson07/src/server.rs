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
use crate::limits::Limits;
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

// ANCHOR: start
/// Binds both addresses and starts accepting. An address in use is an
/// error here, before anything runs.
pub async fn start(config: Config) -> std::io::Result<Running> {
    let tcp = TcpListener::bind(config.tcp).await?;
    let web = TcpListener::bind(config.web).await?;
    let (tcp_addr, web_addr) = (tcp.local_addr()?, web.local_addr()?);
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
        let (stream, peer) = tokio::select! {
            _ = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, say: wait a moment, keep serving
                // the clients already here, and try again.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
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
    let Some(_seat) = room.take_seat() else {
        let line = format!("{}\n", room.full_line());
        let _ = stream.write_all(line.as_bytes()).await;
        return;
    };
    let max = room.limits.max_frame;
    let (read, write) = stream.into_split();
    // The client gets a sentence of ours; the codec's own words go to the log.
    let lines = FramedRead::new(read, LinesCodec::new_with_max_length(max)).map(move |line| {
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
    session(
        room,
        lines,
        FramedWrite::new(write, LinesCodec::new()),
        stop,
    )
    .await;
}
// ANCHOR_END: line_client
