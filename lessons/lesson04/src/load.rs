//! A load client: many connections at once, each sending requests one after
//! another, and what Little's law says to expect of them.
//!
//! The note (P7) says one thread with coroutines serves many users at once
//! because an HTTP connection is mostly waiting. Little's law puts a number
//! on "many": a server holding `L` requests at a time, each taking `W`
//! seconds, completes `λ = L / W` requests per second. The note's handlers
//! take `W = 0.5 s`, so 1,000 connections each keeping one request in flight
//! can get at most 2,000 requests per second, and 1,000 requests should take
//! half a second, not 1,000 × 0.5 s. [`run`] measures how close the server
//! comes.
//!
//! The client speaks HTTP/1.1 with hyper's low-level client: one task per
//! connection, one request in flight per connection, keep-alive between
//! them, so "connections" is exactly the `L` of Little's law.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode, header};
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// How long one connection may wait for its TCP handshake, and then for any
/// one answer, before the client counts it as failed.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// What to send.
#[derive(Debug, Clone)]
pub struct Plan {
    pub addr: SocketAddr,
    /// The path every request asks for, `/hello/load` say.
    pub path: String,
    /// Connections open at once, each with one request in flight: Little's `L`.
    pub connections: usize,
    /// How much to send.
    pub amount: Amount,
}

impl Plan {
    /// The connections actually opened: [`Plan::connections`], but never
    /// more than there are requests to send (5 requests keep at most 5
    /// connections busy, whatever `--connections` says). Every figure and
    /// every line of the report uses this, not the number asked for.
    pub fn busy(&self) -> usize {
        match self.amount {
            Amount::Requests(n) => self.connections.min(n),
            Amount::Window { .. } => self.connections,
        }
    }
}

/// How much load to send.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// This many requests in all, shared out among the connections; the
    /// clock runs from the first connect to the last answer, so opening the
    /// connections is part of the time. "1,000 requests take half a second."
    Requests(usize),
    /// Keep every connection busy for `warmup + measure`, and count only
    /// what finishes inside the last `measure`: the steady state, with the
    /// connections already open. The usual way to benchmark a server.
    Window { warmup: Duration, measure: Duration },
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Report {
    pub plan: Plan,
    /// [`Amount::Requests`]: from the first connect to the last answer.
    /// [`Amount::Window`]: the measured window.
    pub elapsed: Duration,
    /// Requests answered `200 OK`.
    pub ok: usize,
    /// Requests that failed: refused, reset, timed out, or not `200`.
    pub failed: usize,
    /// The first failure seen, to say what went wrong.
    pub first_error: Option<String>,
    /// Latency of every `200` answer, sorted. A connection's first request
    /// includes its TCP handshake, as a real visitor's would.
    pub latencies: Vec<Duration>,
}

impl Report {
    pub fn requests_per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The mean latency of the answers.
    pub fn mean(&self) -> Option<Duration> {
        let n = u32::try_from(self.latencies.len())
            .ok()
            .filter(|&n| n > 0)?;
        Some(self.latencies.iter().sum::<Duration>() / n)
    }

    /// The latency that `p` of the answers (0 to 1) came within.
    pub fn percentile(&self, p: f64) -> Option<Duration> {
        if self.latencies.is_empty() {
            return None;
        }
        let rank = ((self.latencies.len() as f64) * p).ceil() as usize;
        Some(self.latencies[rank.clamp(1, self.latencies.len()) - 1])
    }

    /// Little's law: `connections / wait` requests per second at most.
    pub fn limit(&self, wait: Duration) -> f64 {
        little_limit(self.plan.busy(), wait)
    }
}

// ANCHOR: little
/// The most requests per second `connections` connections can complete when
/// each request takes `wait`: Little's law, `λ = L / W`.
pub fn little_limit(connections: usize, wait: Duration) -> f64 {
    connections as f64 / wait.as_secs_f64()
}
// ANCHOR_END: little

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = |d: Option<Duration>| d.map_or("-".into(), |d| format!("{} ms", d.as_millis()));
        let what = match self.plan.amount {
            Amount::Requests(n) => format!("{n} requests"),
            Amount::Window { warmup, measure } => format!(
                "{} s of load after {} s of warm-up",
                measure.as_secs_f64(),
                warmup.as_secs_f64()
            ),
        };
        let busy = self.plan.busy();
        let connections = if busy < self.plan.connections {
            format!(
                "{busy} connections (not {}: one per request)",
                self.plan.connections
            )
        } else {
            format!("{busy} connections")
        };
        write!(
            f,
            "{what} over {connections}: {} ok, {} failed in {:.3} s = {:.0} req/s; \
             latency mean {}, p50 {}, p99 {}, max {}",
            self.ok,
            self.failed,
            self.elapsed.as_secs_f64(),
            self.requests_per_second(),
            ms(self.mean()),
            ms(self.percentile(0.50)),
            ms(self.percentile(0.99)),
            ms(self.latencies.last().copied()),
        )?;
        if let Some(e) = &self.first_error {
            // Error texts can carry what the server sent: escape them.
            write!(f, "\nfirst failure: {}", crate::app::printable(e))?;
        }
        Ok(())
    }
}

/// What one connection did.
#[derive(Debug, Default)]
struct Tally {
    ok: usize,
    failed: usize,
    first_error: Option<String>,
    /// Latency of each `200`, and when it finished (from the start).
    latencies: Vec<(Duration, Duration)>,
}

impl Tally {
    fn fail(&mut self, error: String) {
        self.failed += 1;
        self.first_error.get_or_insert(error);
    }
}

// ANCHOR: run
/// Opens `plan.connections` connections at once and keeps one request in
/// flight on each, as fast as answers come, until `plan.amount` is sent.
pub async fn run(plan: Plan) -> Report {
    let next = Arc::new(AtomicUsize::new(0)); // the next request to send
    let started = Instant::now();
    let deadline = match plan.amount {
        Amount::Requests(_) => None,
        Amount::Window { warmup, measure } => Some(warmup + measure),
    };
    let tasks: Vec<_> = (0..plan.busy())
        .map(|_| tokio::spawn(connection(plan.clone(), next.clone(), started, deadline)))
        .collect();
    let mut report = Report {
        plan: plan.clone(),
        elapsed: Duration::ZERO,
        ok: 0,
        failed: 0,
        first_error: None,
        latencies: Vec::new(),
    };
    for task in tasks {
        let tally = task.await.unwrap_or_else(|e| Tally {
            failed: 1,
            first_error: Some(format!("a connection task failed: {e}")),
            ..Tally::default()
        });
        report.failed += tally.failed;
        if report.first_error.is_none() {
            report.first_error = tally.first_error;
        }
        // In a window, count only what finished inside the measured part.
        let counted = |done: Duration| match plan.amount {
            Amount::Requests(_) => true,
            Amount::Window { warmup, .. } => done >= warmup && Some(done) <= deadline,
        };
        report.latencies.extend(
            tally
                .latencies
                .into_iter()
                .filter(|&(_, done)| counted(done))
                .map(|(latency, _)| latency),
        );
    }
    report.ok = report.latencies.len();
    report.elapsed = match plan.amount {
        Amount::Requests(_) => started.elapsed(),
        Amount::Window { measure, .. } => measure,
    };
    report.latencies.sort_unstable();
    report
}

/// One connection: connect, then send requests one after another until the
/// requests run out or the deadline (from `started`) passes.
async fn connection(
    plan: Plan,
    next: Arc<AtomicUsize>,
    started: Instant,
    deadline: Option<Duration>,
) -> Tally {
    let mut tally = Tally::default();
    let more = || match (plan.amount, deadline) {
        (Amount::Requests(n), _) => next.fetch_add(1, Ordering::Relaxed) < n,
        (_, Some(end)) => started.elapsed() < end,
        (_, None) => false,
    };
    if !more() {
        return tally;
    }
    let mut sent = Instant::now(); // the first request's latency includes connecting
    let mut sender = match open(plan.addr).await {
        Ok(sender) => sender,
        Err(e) => {
            tally.fail(e);
            // In a count, the requests this connection would have sent fail with it.
            if let Amount::Requests(_) = plan.amount {
                while more() {
                    tally.failed += 1;
                }
            }
            return tally;
        }
    };
    loop {
        match tokio::time::timeout(TIMEOUT, get(&mut sender, &plan.addr, &plan.path)).await {
            Ok(Ok((StatusCode::OK, _))) => {
                tally.latencies.push((sent.elapsed(), started.elapsed()));
                tally.ok += 1;
            }
            Ok(Ok((status, _))) => tally.fail(format!("the server answered {status}")),
            Ok(Err(e)) => {
                tally.fail(e);
                break;
            }
            Err(_) => {
                tally.fail(format!("no answer within {} s", TIMEOUT.as_secs()));
                break;
            }
        }
        if !more() {
            return tally;
        }
        sent = Instant::now();
    }
    // The connection broke: leave the remaining requests to the others.
    tally
}
// ANCHOR_END: run

/// Connects and does hyper's HTTP/1.1 handshake; the connection itself runs
/// as a task of its own.
async fn open(addr: SocketAddr) -> Result<http1::SendRequest<Body>, String> {
    let stream = match tokio::time::timeout(TIMEOUT, TcpStream::connect(addr)).await {
        Ok(Ok(stream)) => stream,
        Ok(Err(e)) => return Err(connect_error(addr, &e)),
        Err(_) => {
            return Err(format!(
                "connecting to {addr} took over {} s",
                TIMEOUT.as_secs()
            ));
        }
    };
    let _ = stream.set_nodelay(true);
    let (sender, conn) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake with {addr} failed: {e}"))?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(sender)
}

fn connect_error(addr: SocketAddr, e: &io::Error) -> String {
    if e.raw_os_error() == Some(24) {
        // EMFILE: this process has as many sockets open as it may.
        format!(
            "cannot connect to {addr}: {e}; every connection needs a file descriptor: raise the \
             limit with `ulimit -n` (see `ulimit -Hn` for the most you may ask)"
        )
    } else if e.kind() == io::ErrorKind::ConnectionRefused {
        format!("cannot connect to {addr}: {e}; is the server running on that address?")
    } else {
        format!("cannot connect to {addr}: {e}")
    }
}

/// Sends one GET on an open connection and reads the whole answer.
async fn get(
    sender: &mut http1::SendRequest<Body>,
    addr: &SocketAddr,
    path: &str,
) -> Result<(StatusCode, axum::body::Bytes), String> {
    sender
        .ready()
        .await
        .map_err(|e| format!("the connection closed: {e}"))?;
    let request = Request::get(path)
        .header(header::HOST, addr.to_string())
        .body(Body::empty())
        .map_err(|e| format!("bad request {path:?}: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("request failed: {e}"))?;
    let status = response.status();
    let body = to_bytes(Body::new(response.into_body()), 1 << 20)
        .await
        .map_err(|e| format!("reading the answer failed: {e}"))?;
    Ok((status, body))
}

/// One GET on a fresh connection, for tests and quick checks: the status
/// and the body as text.
pub async fn fetch(addr: SocketAddr, path: &str) -> Result<(StatusCode, String), String> {
    let mut sender = open(addr).await?;
    let (status, body) = get(&mut sender, &addr, path).await?;
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{self, Config};
    use crate::server::{self, LIMITS};

    /// Percentiles pick the right rank.
    #[test]
    fn percentiles() {
        let plan = Plan {
            addr: "127.0.0.1:1".parse().unwrap(),
            path: "/".into(),
            connections: 1,
            amount: Amount::Requests(100),
        };
        let report = Report {
            plan,
            elapsed: Duration::from_secs(1),
            ok: 100,
            failed: 0,
            first_error: None,
            latencies: (1..=100).map(Duration::from_millis).collect(),
        };
        let p = |q| report.percentile(q);
        assert_eq!(
            p(0.5),
            Some(Duration::from_millis(50)),
            "median of 1..=100 ms"
        );
        assert_eq!(
            p(0.99),
            Some(Duration::from_millis(99)),
            "p99 of 1..=100 ms"
        );
        assert_eq!(
            p(1.0),
            Some(Duration::from_millis(100)),
            "max of 1..=100 ms"
        );
        assert_eq!(
            report.mean(),
            Some(Duration::from_micros(50_500)),
            "mean of 1..=100 ms"
        );
        assert_eq!(
            little_limit(1000, app::SLEEP),
            2000.0,
            "1,000 connections / 0.5 s"
        );
    }

    /// `--requests 5` with the default 1,000 connections opens 5, and the
    /// report says 5, the number every figure is computed with (issue: it
    /// said "5 requests over 1000 connections").
    #[test]
    fn the_report_names_the_connections_it_used() {
        let plan = Plan {
            addr: "127.0.0.1:1".parse().unwrap(),
            path: "/".into(),
            connections: 1000,
            amount: Amount::Requests(5),
        };
        assert_eq!(plan.busy(), 5, "5 requests keep at most 5 connections busy");
        let report = Report {
            plan,
            elapsed: Duration::from_millis(500),
            ok: 5,
            failed: 0,
            first_error: Some("the server sent \u{1b}[2J".into()),
            latencies: vec![Duration::from_millis(500); 5],
        };
        let text = report.to_string();
        assert!(
            text.starts_with("5 requests over 5 connections (not 1000: one per request): 5 ok"),
            "the report should name the 5 connections it used: {text}"
        );
        assert_eq!(report.limit(app::SLEEP), 10.0, "5 connections / 0.5 s");
        assert!(
            text.ends_with("first failure: the server sent \\u{1b}[2J"),
            "a failure's text should be escaped before printing: {text:?}"
        );
    }

    /// A small load against the real server (no sleep) all comes back `200`.
    #[test]
    fn a_small_load_is_all_answered() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let listener = server::bind("127.0.0.1:0".parse().unwrap(), 64).unwrap();
            let addr = listener.local_addr().unwrap();
            let router = app::router(Config {
                sleep: Duration::ZERO,
                log: false,
            });
            tokio::spawn(server::serve(
                listener,
                router,
                LIMITS,
                std::future::pending(),
            ));
            let plan = Plan {
                addr,
                path: "/hello/load".into(),
                connections: 8,
                amount: Amount::Requests(200),
            };
            let report = tokio::time::timeout(Duration::from_secs(10), run(plan))
                .await
                .expect("the load took over 10 s");
            assert_eq!((report.ok, report.failed), (200, 0), "{report}");
            assert_eq!(report.latencies.len(), 200, "one latency per answer");
        });
    }

    /// A window counts only the measured part, and every connection works.
    #[test]
    fn a_window_counts_only_the_measured_part() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let listener = server::bind("127.0.0.1:0".parse().unwrap(), 64).unwrap();
            let addr = listener.local_addr().unwrap();
            let router = app::router(Config {
                sleep: Duration::from_millis(20),
                log: false,
            });
            tokio::spawn(server::serve(
                listener,
                router,
                LIMITS,
                std::future::pending(),
            ));
            let plan = Plan {
                addr,
                path: "/".into(),
                connections: 4,
                amount: Amount::Window {
                    warmup: Duration::from_millis(100),
                    measure: Duration::from_millis(200),
                },
            };
            let report = tokio::time::timeout(Duration::from_secs(10), run(plan))
                .await
                .expect("the load took over 10 s");
            // 4 connections, 20 ms a request, 200 ms: at most 40 answers.
            assert_eq!(report.failed, 0, "{report}");
            assert!((1..=44).contains(&report.ok), "{report}");
            assert_eq!(
                report.elapsed,
                Duration::from_millis(200),
                "a window's rate is per measured time"
            );
            assert!(report.latencies[0] >= Duration::from_millis(20), "{report}");
        });
    }

    /// Nobody listening: every request fails, and the error says why.
    #[test]
    fn a_refused_connection_is_reported() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            // Bind, note the port, and close it again: nobody listens there now.
            let addr = server::bind("127.0.0.1:0".parse().unwrap(), 1)
                .unwrap()
                .local_addr()
                .unwrap();
            let plan = Plan {
                addr,
                path: "/".into(),
                connections: 2,
                amount: Amount::Requests(10),
            };
            let report = tokio::time::timeout(Duration::from_secs(10), run(plan))
                .await
                .expect("a refused load took over 10 s");
            assert_eq!((report.ok, report.failed), (0, 10), "{report}");
            let error = report.first_error.unwrap();
            assert!(error.contains("is the server running"), "{error}");
        });
    }
}
