//! The server over real sockets on 127.0.0.1 (port 0): hostile request
//! heads, slow and idle clients, a port in use, and graceful shutdown, for
//! `src/server.rs`; and the load client against it, for `src/load.rs`.
//!
//! Not part of the grader (`tests/exercises.rs`): these use no exercise,
//! so they pass before any is solved. Every wait has a time limit.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use lesson04::app::{self, Config};
use lesson04::load;
use lesson04::server::{LIMITS, Limits, bind, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The server's limits, but 200 ms for a request head (or for the next
/// one, on a kept-alive connection), so the tests that wait it out are quick.
const QUICK_HEADERS: Limits = Limits {
    header_read_timeout: Duration::from_millis(200),
    ..LIMITS
};

/// Starts the server on a free port with no sleep and short limits.
async fn start(limits: Limits) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let (addr, stop, _serving) = start_joinable(limits).await;
    (addr, stop)
}

/// [`start`], also returning the task running `serve`, which ends (and
/// drops its listener) once the server has stopped.
async fn start_joinable(limits: Limits) -> (SocketAddr, Stop, tokio::task::JoinHandle<bool>) {
    start_serving(the_app(), limits)
}

/// The lesson's app with no sleep and no log.
fn the_app() -> Router {
    app::router(Config {
        sleep: Duration::ZERO,
        log: false,
    })
}

/// Sending on it (or dropping it) stops the server.
type Stop = tokio::sync::oneshot::Sender<()>;

/// `serve` with `router` and `limits` on a free port, in a task: the
/// address, the stop, and the task, which ends (and drops its listener)
/// once the server has stopped.
fn start_serving(
    router: Router,
    limits: Limits,
) -> (SocketAddr, Stop, tokio::task::JoinHandle<bool>) {
    let listener = bind("127.0.0.1:0".parse().unwrap(), 64).unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let serving = tokio::spawn(serve(listener, router, limits, async {
        let _ = stopped.await;
    }));
    (addr, stop, serving)
}

/// A router whose one route, `path`, first says on the channel returned
/// that a request has reached it, then answers with what `answer()`'s
/// future gives.
fn signalling<F>(
    path: &str,
    answer: impl Fn() -> F + Clone + Send + Sync + 'static,
) -> (Router, tokio::sync::mpsc::Receiver<()>)
where
    F: std::future::Future<Output = &'static str> + Send + 'static,
{
    let (entered_tx, entered) = tokio::sync::mpsc::channel::<()>(1);
    let router = Router::new().route(
        path,
        axum::routing::get(move || {
            let entered = entered_tx.clone();
            let answer = answer();
            async move {
                let _ = entered.send(()).await;
                answer.await
            }
        }),
    );
    (router, entered)
}

/// Waits (5 s at most) for a request to reach a [`signalling`] route.
async fn reached(entered: &mut tokio::sync::mpsc::Receiver<()>) {
    tokio::time::timeout(Duration::from_secs(5), entered.recv())
        .await
        .expect("the request never reached the handler");
}

/// Connects, sends `request`, and reads until the server closes the
/// connection or 5 s pass: what came back, and whether it was closed.
async fn send_and_read(addr: SocketAddr, request: &[u8]) -> (String, bool) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    // The server may answer and close before reading all of a huge
    // request, so a failed write is not an error here.
    let _ = stream.write_all(request).await;
    let mut answer = Vec::new();
    let read = stream.read_to_end(&mut answer);
    let closed = tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .is_ok();
    (String::from_utf8_lossy(&answer).into_owned(), closed)
}

/// Sends raw bytes and reads until the server closes or 5 s pass.
async fn raw(addr: SocketAddr, request: &[u8]) -> String {
    send_and_read(addr, request).await.0
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
        let (addr, _stop) = start(QUICK_HEADERS).await;
        let (_, closed) = send_and_read(addr, b"GET / HTTP/1.1\r\nHost: x\r\n").await;
        assert!(
            closed,
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
        let (addr, _stop) = start(QUICK_HEADERS).await;
        // The read ends only when the server closes the connection.
        let (answer, closed) = send_and_read(addr, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await;
        assert!(
            closed,
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
    use std::sync::{Arc, Mutex};
    use tokio::sync::oneshot;

    runtime().block_on(async {
        let (release_tx, release_rx) = oneshot::channel::<()>();
        let release = Arc::new(Mutex::new(Some(release_rx)));
        let (router, mut entered) = signalling("/slow", move || {
            let release = release.lock().unwrap().take();
            async move {
                if let Some(release) = release {
                    let _ = release.await;
                }
                "done"
            }
        });
        let (addr, stop, mut server) = start_serving(router, LIMITS);
        let client = tokio::spawn(lesson04::load::fetch(addr, "/slow"));
        let wait = Duration::from_secs(5);
        reached(&mut entered).await;
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
    runtime().block_on(async {
        let (router, mut entered) = signalling("/never", std::future::pending::<&str>);
        let limits = Limits {
            shutdown_grace: Duration::from_millis(50),
            ..LIMITS
        };
        let (addr, stop, server) = start_serving(router, limits);
        let _client = tokio::spawn(lesson04::load::fetch(addr, "/never"));
        reached(&mut entered).await;
        stop.send(()).unwrap();
        let drained = tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .expect("serve did not give up after its grace")
            .unwrap();
        assert!(
            !drained,
            "serve should report that it gave up on a request still in flight"
        );
    });
}

/// After shutdown the port refuses new connections: `serve` owns the
/// listener, so once it has returned the port is closed. (Connecting to
/// find out would not tell: another test may already have been given the
/// freed port number.)
#[test]
fn shutdown_stops_accepting() {
    runtime().block_on(async {
        let (addr, stop, server) = start_joinable(LIMITS).await;
        let answer = raw(
            addr,
            b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), server)
            .await
            .expect("serve was still running, and holding its port, 5 s after the stop")
            .expect("serve panicked");
    });
}

/// Against the real server (no sleep) every request comes back `200`;
/// with nobody listening every one fails, and the error says why.
#[test]
fn a_load_is_answered_or_its_failure_explained() {
    runtime().block_on(async {
        let (addr, _stop) = start(LIMITS).await;
        let wait = Duration::from_secs(10);
        let plan = load::Plan {
            addr,
            connections: 8,
            requests: 200,
        };
        let report = tokio::time::timeout(wait, load::run(plan))
            .await
            .expect("over 10 s");
        assert_eq!(
            (report.ok, report.failed, report.latencies.len()),
            (200, 0, 200),
            "{report}"
        );

        // A port bound and closed again: nobody listens there now.
        let closed = bind("127.0.0.1:0".parse().unwrap(), 1).unwrap();
        let plan = load::Plan {
            addr: closed.local_addr().unwrap(),
            connections: 2,
            requests: 10,
        };
        drop(closed);
        let refused = tokio::time::timeout(wait, load::run(plan))
            .await
            .expect("over 10 s");
        assert_eq!((refused.ok, refused.failed), (0, 10), "{refused}");
        let error = refused.first_error.unwrap();
        assert!(error.contains("is the server running"), "{error}");
    });
}
