//! Listening, accepting and serving connections, with every limit chosen on
//! purpose.
//!
//! [`axum::serve`] is the short way to run a router (see
//! [`crate::pitfalls::serve_simply`]), and it is fine for a start. This
//! module does the same job by hand with hyper, because three things matter
//! here that `axum::serve` (0.8.9) does not let you set:
//!
//! - **the accept backlog.** `tokio::net::TcpListener::bind` asks the kernel
//!   for a queue of 128 connections that have finished their handshake but
//!   are not accepted yet (mio 1.2.5, `src/net/tcp/listener.rs`: "the same
//!   backlog value as the standard library"). When thousands of clients
//!   connect at once the queue overflows, the kernel drops their handshakes,
//!   and each dropped client retries one second later. [`bind`] asks for
//!   [`BACKLOG`] instead, through `tokio::net::TcpSocket::listen`; Linux caps
//!   it at `/proc/sys/net/core/somaxconn`.
//! - **a timer for hyper.** hyper closes a connection whose request head has
//!   not arrived within 30 s only if it was given a timer (hyper 1.12,
//!   `src/common/time.rs`: "timeout has default, but no timer set");
//!   `axum::serve` gives none, so a client that sends one byte a minute holds
//!   its connection forever. [`serve`] sets the timer and
//!   [`Limits::header_read_timeout`].
//! - **the size of a request head.** [`Limits`] caps it, so a huge header
//!   gets `431` instead of using up to hyper's default of about 400 KB of
//!   buffer per connection.
//!
//! What a connection costs in memory: 14.0 to 14.7 KB resident per idle
//! keep-alive connection here, against 9.2 KB for the seed's aiohttp and
//! 18.5 KB for a bare `axum::serve` (2-core VM, 1,000 and 8,000 connections:
//! start a server, then `python3 bench/python/hold_connections.py PORT PID`).
//! Most of it is hyper's two buffers, 8 KiB each (hyper 1.12,
//! `src/proto/h1/io.rs`, `INIT_BUFFER_SIZE`): the write buffer is allocated
//! with the connection, and reads reserve at least 8 KiB. hyper's server
//! settings only cap how far they grow (`max_buf_size`, set below), never
//! their start; one worker thread or `MALLOC_ARENA_MAX=1` saves under 3%.
//! Going below would take a change in hyper, or keeping idle connections
//! out of hyper's hands.

use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::pin;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpSocket};

/// The accept queue asked of the kernel. 8,192 covers the 8,000 connections
/// of the lesson's heaviest measurement arriving at once; Linux lowers it to
/// `net.core.somaxconn` (4,096 by default since Linux 5.4).
pub const BACKLOG: u32 = 8192;

/// The limits of one connection.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A client must send a whole request head (request line and headers)
    /// within this time, or the connection is closed without an answer. It
    /// also closes keep-alive connections idle for that long.
    pub header_read_timeout: Duration,
    /// The largest request head, in bytes: more gets `431 Request Header
    /// Fields Too Large` and the connection is closed.
    pub max_header_size: usize,
    /// The most header lines in one request: more gets `431`.
    pub max_headers: usize,
    /// How long shutdown waits for requests in flight before it gives up.
    pub shutdown_grace: Duration,
}

// ANCHOR: limits
/// The limits the lesson's server runs with.
pub const LIMITS: Limits = Limits {
    header_read_timeout: Duration::from_secs(5),
    max_header_size: 8 * 1024,
    max_headers: 32,
    shutdown_grace: Duration::from_secs(10),
};
// ANCHOR_END: limits

/// Why the server could not start listening, with what to do about it.
#[derive(Debug)]
pub struct BindError {
    pub addr: SocketAddr,
    pub error: io::Error,
}

impl fmt::Display for BindError {
    /// One line: the address, what went wrong, what to do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let addr = self.addr;
        let advice = match self.error.kind() {
            io::ErrorKind::AddrInUse => format!(
                "another program (maybe an earlier run of this one) is using that port; stop it, \
                 or pick another port with --addr {}:{}",
                addr.ip(),
                addr.port().wrapping_add(1).max(1024)
            ),
            io::ErrorKind::AddrNotAvailable => {
                "no network interface of this machine has that address; use 127.0.0.1 (this \
                 machine only) or 0.0.0.0 (every interface)"
                    .to_string()
            }
            io::ErrorKind::PermissionDenied => {
                "ports below 1024 need special privileges; pick a port from 1024 up".to_string()
            }
            _ => "check the address and try again".to_string(),
        };
        write!(f, "cannot listen on {addr}: {}; {advice}", self.error)
    }
}

impl std::error::Error for BindError {}

// ANCHOR: bind
/// Listens on `addr` with an accept queue of `backlog` connections.
///
/// `TcpListener::bind(addr)` would do the same with a queue of 128.
pub fn bind(addr: SocketAddr, backlog: u32) -> Result<TcpListener, BindError> {
    let listen = || {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        // Let a restarted server bind at once, even while connections of
        // its previous run linger in TIME_WAIT (tokio's `bind` does this too).
        socket.set_reuseaddr(true)?;
        socket.bind(addr)?;
        socket.listen(backlog)
    };
    listen().map_err(|error| BindError { addr, error })
}
// ANCHOR_END: bind

// ANCHOR: serve
/// Serves `router` on `listener` until `shutdown` completes, then stops
/// accepting, lets the requests in flight finish (for at most
/// [`Limits::shutdown_grace`]), and returns `true` if they all did, `false`
/// if it gave up on some, so that the caller never claims more than it knows.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> bool {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()) // without a timer, hyper's timeouts do nothing
        .header_read_timeout(limits.header_read_timeout)
        .max_header_size(limits.max_header_size)
        .max_headers(limits.max_headers)
        .max_buf_size(limits.max_header_size.max(8192) * 2);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses go out at once instead of waiting to fill a packet;
        // if the socket refuses, they merely wait, so the error is only noted.
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%peer, %error, "could not set TCP_NODELAY");
        }
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that breaks the protocol or hangs up ends here: its
            // connection closes, nothing else is affected. It is the
            // client's doing, not the server's, so it is logged at debug
            // level, for whoever is looking, and not shown to the operator.
            if let Err(error) = connection.await {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
        });
    }
    drop(listener); // new clients are refused from now on
    // Tell every connection to finish the request it is serving, then close.
    tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_ok()
}
// ANCHOR_END: serve

/// What to do when `accept` fails. Errors that concern one client (it hung
/// up before it was accepted) are skipped. Running out of file descriptors
/// (`EMFILE`, "Too many open files") is not that client's fault: the server
/// says so once a second and waits a little for connections to close, rather
/// than spinning.
async fn accept_failed(error: &io::Error) {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST_WARNING: AtomicU64 = AtomicU64::new(0);
    if matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
    ) {
        return;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    if LAST_WARNING.swap(now, Ordering::Relaxed) != now {
        // EMFILE (24) and ENFILE (23): out of file descriptors.
        let advice = if matches!(error.raw_os_error(), Some(23 | 24)) {
            "; every connection needs a file descriptor: raise the limit with `ulimit -n`"
        } else {
            ""
        };
        eprintln!("lesson04: accept failed: {error}{advice}");
    }
    tokio::time::sleep(Duration::from_millis(10)).await;
}

/// What stopped the server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    CtrlC,
    Terminate,
    InputEnded,
}

impl Stop {
    /// How the program says it, in one line.
    pub fn describe(self) -> &'static str {
        match self {
            Stop::CtrlC => "stopped by Ctrl-C (SIGINT)",
            Stop::Terminate => "stopped by SIGTERM",
            Stop::InputEnded => "stopped: standard input ended (--stop-when-input-ends)",
        }
    }
}

/// Completes when standard input ends, for `--stop-when-input-ends`: a
/// tool that starts the server with a pipe as its input wants it gone when
/// the tool goes (its end of the pipe closes when it exits, even if it is
/// killed). Reading standard input blocks, so it has a thread of its own.
async fn input_ended() {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
        let _ = tx.send(());
    });
    let _ = rx.await;
}

/// Completes on Ctrl-C, on SIGTERM where there is one, or (with
/// `input_too`) when standard input ends, and says which. Only when asked
/// for the input: a server started in the background, by nohup or in a
/// container has an input that is at its end from the start, and must keep
/// serving all the same.
pub async fn stop_signal(input_too: bool) -> Stop {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await; // no signal handling: run until killed
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => drop(s.recv().await),
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => Stop::CtrlC,
        () = terminate => Stop::Terminate,
        () = input_ended(), if input_too => Stop::InputEnded,
    }
}
