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
        let (stream, _peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                Err(e) => {
                    accept_failed(&e).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses go out at once instead of waiting to fill a packet.
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that breaks the protocol or hangs up ends here: its
            // connection closes, nothing else is affected.
            let _ = connection.await;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{self, Config};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    /// Starts the server on a free port with no sleep and short limits.
    async fn start(limits: Limits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
        let listener = bind("127.0.0.1:0".parse().unwrap(), 64).unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let router = app::router(Config {
            sleep: Duration::ZERO,
            log: false,
        });
        tokio::spawn(serve(listener, router, limits, async {
            let _ = stopped.await;
        }));
        (addr, stop)
    }

    /// Sends raw bytes and reads until the server closes or 5 s pass.
    async fn raw(addr: SocketAddr, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        // The server may answer and close before reading all of a huge
        // request, so a failed write is not an error here.
        let _ = stream.write_all(request).await;
        let mut answer = Vec::new();
        let read = stream.read_to_end(&mut answer);
        let _ = tokio::time::timeout(Duration::from_secs(5), read).await;
        String::from_utf8_lossy(&answer).into_owned()
    }

    fn status_line(answer: &str) -> &str {
        answer
            .lines()
            .next()
            .unwrap_or("(closed without an answer)")
    }

    /// Hostile request heads get a 4xx, and the server lives on.
    #[test]
    fn hostile_heads_get_a_client_error() {
        runtime().block_on(async {
            let (addr, _stop) = start(LIMITS).await;
            let cases: Vec<(Vec<u8>, &str)> = vec![
                (
                    format!(
                        "GET /hello/{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        "a".repeat(2000)
                    )
                    .into_bytes(),
                    "HTTP/1.1 414",
                ),
                (
                    format!(
                        "GET /hello/{} HTTP/1.1\r\nHost: x\r\n\r\n",
                        "a".repeat(20_000)
                    )
                    .into_bytes(),
                    "HTTP/1.1 431",
                ),
                (
                    format!(
                        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
                        "b".repeat(9000)
                    )
                    .into_bytes(),
                    "HTTP/1.1 431",
                ),
                (
                    format!(
                        "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
                        (0..40).map(|i| format!("X-{i}: y\r\n")).collect::<String>()
                    )
                    .into_bytes(),
                    "HTTP/1.1 431",
                ),
                // Raw bytes that are not UTF-8 (nor even allowed) in the path.
                (
                    b"GET /hello/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
                    "HTTP/1.1 400",
                ),
                // Percent-encoded bytes that are not UTF-8.
                (
                    b"GET /hello/%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
                    "HTTP/1.1 400",
                ),
                (b"NONSENSE\r\n\r\n".to_vec(), "HTTP/1.1 400"),
            ];
            for (request, want) in cases {
                let answer = raw(addr, &request).await;
                let shown = String::from_utf8_lossy(&request[..request.len().min(40)]).into_owned();
                assert!(
                    answer.starts_with(want),
                    "{shown:?}... was answered {:?}, expected {want}",
                    status_line(&answer)
                );
            }
            // Still serving.
            let answer = raw(
                addr,
                b"GET /hello/%E4%B8%96 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            )
            .await;
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
            assert!(answer.ends_with("<h1>hello, 世!</h1>"), "{answer}");
        });
    }

    /// A client that never finishes its request head is cut off after the
    /// header timeout (shortened here so the test is quick).
    #[test]
    fn a_slow_client_is_disconnected() {
        runtime().block_on(async {
            let limits = Limits {
                header_read_timeout: Duration::from_millis(200),
                ..LIMITS
            };
            let (addr, _stop) = start(limits).await;
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
                .await
                .unwrap();
            let mut answer = Vec::new();
            let closed =
                tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
            assert!(
                closed.is_ok(),
                "the connection was still open after 5 s; the header timeout did not fire"
            );
        });
    }

    /// Port in use: the error names the address and says what to do.
    #[test]
    fn a_port_in_use_is_explained() {
        runtime().block_on(async {
            let first = bind("127.0.0.1:0".parse().unwrap(), 16).unwrap();
            let addr = first.local_addr().unwrap();
            let error = bind(addr, 16).unwrap_err();
            let text = error.to_string();
            assert!(
                text.starts_with(&format!("cannot listen on {addr}: ")),
                "{text}"
            );
            assert!(text.contains("--addr 127.0.0.1:"), "{text}");
            assert!(!text.contains('\n'), "{text}");
        });
    }

    /// An idle keep-alive connection is closed after the header timeout too.
    #[test]
    fn an_idle_keep_alive_connection_is_closed() {
        runtime().block_on(async {
            let limits = Limits {
                header_read_timeout: Duration::from_millis(200),
                ..LIMITS
            };
            let (addr, _stop) = start(limits).await;
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                .await
                .unwrap();
            // read_to_end ends only when the server closes the connection.
            let mut answer = Vec::new();
            let closed =
                tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
            let answer = String::from_utf8_lossy(&answer);
            assert!(
                closed.is_ok(),
                "an idle keep-alive connection was still open after 5 s"
            );
            assert!(
                answer.starts_with("HTTP/1.1 200"),
                "the request before the idle time should be answered: {answer:?}"
            );
        });
    }

    /// Shutdown with a request in flight: new clients are refused at once,
    /// the request in flight is answered, and only then does `serve` return.
    #[test]
    fn shutdown_lets_the_request_in_flight_finish() {
        use axum::routing::get;
        use std::sync::{Arc, Mutex};
        use tokio::sync::{mpsc, oneshot};

        runtime().block_on(async {
            let (entered_tx, mut entered) = mpsc::channel::<()>(1);
            let (release_tx, release_rx) = oneshot::channel::<()>();
            let release = Arc::new(Mutex::new(Some(release_rx)));
            let router = Router::new().route(
                "/slow",
                get(move || {
                    let entered = entered_tx.clone();
                    let release = release.lock().unwrap().take();
                    async move {
                        let _ = entered.send(()).await;
                        if let Some(release) = release {
                            let _ = release.await;
                        }
                        "done"
                    }
                }),
            );
            let listener = bind("127.0.0.1:0".parse().unwrap(), 16).unwrap();
            let addr = listener.local_addr().unwrap();
            let (stop, stopped) = oneshot::channel::<()>();
            let mut server = tokio::spawn(serve(listener, router, LIMITS, async {
                let _ = stopped.await;
            }));
            let client = tokio::spawn(crate::load::fetch(addr, "/slow"));
            let wait = Duration::from_secs(5);
            tokio::time::timeout(wait, entered.recv())
                .await
                .expect("the request never reached the handler");
            stop.send(()).unwrap();
            let refused = async {
                while TcpStream::connect(addr).await.is_ok() {
                    tokio::task::yield_now().await;
                }
            };
            tokio::time::timeout(wait, refused)
                .await
                .expect("still accepting 5 s after shutdown began");
            assert!(
                tokio::time::timeout(Duration::ZERO, &mut server)
                    .await
                    .is_err(),
                "serve returned while a request was still in flight"
            );
            release_tx.send(()).unwrap();
            let answer = tokio::time::timeout(wait, client)
                .await
                .expect("the request in flight got no answer")
                .unwrap();
            assert_eq!(
                answer,
                Ok((axum::http::StatusCode::OK, "done".to_string())),
                "the request in flight should be answered"
            );
            let drained = tokio::time::timeout(wait, server)
                .await
                .expect("serve did not return after the last request")
                .unwrap();
            assert!(
                drained,
                "serve should report that every request in flight was answered"
            );
        });
    }

    /// A request still in flight when the grace runs out: `serve` gives up
    /// on it and says so (`false`), so the program does not claim that
    /// every request was answered.
    #[test]
    fn a_shutdown_that_gives_up_says_so() {
        use axum::routing::get;
        use tokio::sync::{mpsc, oneshot};

        runtime().block_on(async {
            let (entered_tx, mut entered) = mpsc::channel::<()>(1);
            let router = Router::new().route(
                "/never",
                get(move || {
                    let entered = entered_tx.clone();
                    async move {
                        let _ = entered.send(()).await;
                        std::future::pending::<&str>().await
                    }
                }),
            );
            let listener = bind("127.0.0.1:0".parse().unwrap(), 16).unwrap();
            let addr = listener.local_addr().unwrap();
            let limits = Limits {
                shutdown_grace: Duration::from_millis(50),
                ..LIMITS
            };
            let (stop, stopped) = oneshot::channel::<()>();
            let server = tokio::spawn(serve(listener, router, limits, async {
                let _ = stopped.await;
            }));
            let _client = tokio::spawn(crate::load::fetch(addr, "/never"));
            let wait = Duration::from_secs(5);
            tokio::time::timeout(wait, entered.recv())
                .await
                .expect("the request never reached the handler");
            stop.send(()).unwrap();
            let drained = tokio::time::timeout(wait, server)
                .await
                .expect("serve did not give up after its grace")
                .unwrap();
            assert!(
                !drained,
                "serve should report that it gave up on a request still in flight"
            );
        });
    }

    /// After shutdown the port refuses new connections.
    #[test]
    fn shutdown_stops_accepting() {
        runtime().block_on(async {
            let (addr, stop) = start(LIMITS).await;
            let answer = raw(
                addr,
                b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            )
            .await;
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
            stop.send(()).unwrap();
            let refused = async {
                loop {
                    if TcpStream::connect(addr).await.is_err() {
                        break;
                    }
                    tokio::task::yield_now().await;
                }
            };
            tokio::time::timeout(Duration::from_secs(5), refused)
                .await
                .expect("still accepting 5 s after shutdown");
        });
    }
}
