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

/// The path every request asks for.
pub const PATH: &str = "/hello/load";

/// What to send: `requests` GETs of [`PATH`] to `addr`, over `connections`
/// connections at once, each with one request in flight (Little's `L`).
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub addr: SocketAddr,
    pub connections: usize,
    pub requests: usize,
}

impl Plan {
    /// The connections actually opened: never more than there are requests
    /// (5 requests keep at most 5 connections busy, whatever `connections`
    /// says). Every figure of the report uses this, not the number asked for.
    pub fn busy(&self) -> usize {
        self.connections.min(self.requests)
    }
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Report {
    pub plan: Plan,
    /// From the first connect to the last answer, so opening the
    /// connections is part of the time, as it is for real visitors.
    pub elapsed: Duration,
    /// Requests answered `200 OK`.
    pub ok: usize,
    /// Requests that failed: refused, reset, timed out, or not `200`.
    pub failed: usize,
    /// The first failure seen, to say what went wrong.
    pub first_error: Option<String>,
    /// Latency of every `200` answer, sorted. A connection's first request
    /// includes its TCP handshake.
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
        let rank = ((self.latencies.len() as f64) * p).ceil() as usize;
        let last = self.latencies.len().checked_sub(1)?;
        Some(self.latencies[rank.saturating_sub(1).min(last)])
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
        let (busy, asked) = (self.plan.busy(), self.plan.connections);
        let not = if busy < asked {
            format!(" (not {asked}: one per request)")
        } else {
            String::new()
        };
        write!(
            f,
            "{} requests over {busy} connections{not}: {} ok, {} failed in {:.3} s = {:.0} req/s; \
             latency mean {}, p50 {}, p99 {}, max {}",
            self.plan.requests,
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
            write!(f, "\nfirst failure: {}", lessonkit::printable(e))?;
        }
        Ok(())
    }
}

// ANCHOR: run
/// Opens `plan.busy()` connections at once and keeps one request in flight
/// on each, as fast as answers come, until `plan.requests` are sent.
pub async fn run(plan: Plan) -> Report {
    let next = Arc::new(AtomicUsize::new(0)); // the next request to send
    let started = Instant::now();
    let tasks: Vec<_> = (0..plan.busy())
        .map(|_| tokio::spawn(connection(plan, next.clone())))
        .collect();
    let mut report = Report {
        plan,
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
        report.first_error = report.first_error.or(tally.first_error);
        report.latencies.extend(tally.latencies);
    }
    report.elapsed = started.elapsed();
    report.ok = report.latencies.len();
    report.latencies.sort_unstable();
    report
}

/// One connection: connect, then send requests one after another until
/// none is left to send.
async fn connection(plan: Plan, next: Arc<AtomicUsize>) -> Tally {
    let mut tally = Tally::default();
    let more = || next.fetch_add(1, Ordering::Relaxed) < plan.requests;
    if !more() {
        return tally;
    }
    let mut sent = Instant::now(); // the first request's latency includes connecting
    let mut sender = match open(plan.addr).await {
        Ok(sender) => sender,
        Err(e) => {
            tally.fail(e);
            // The requests this connection would have sent fail with it.
            while more() {
                tally.failed += 1;
            }
            return tally;
        }
    };
    loop {
        match tokio::time::timeout(TIMEOUT, get(&mut sender, &plan.addr, PATH)).await {
            Ok(Ok((StatusCode::OK, _))) => tally.latencies.push(sent.elapsed()),
            Ok(Ok((status, _))) => tally.fail(format!("the server answered {status}")),
            Ok(Err(e)) => break tally.fail(e),
            Err(_) => break tally.fail(format!("no answer within {} s", TIMEOUT.as_secs())),
        }
        if !more() {
            return tally;
        }
        sent = Instant::now();
    }
    // The connection broke: the other connections send the rest.
    tally
}
// ANCHOR_END: run

/// What one connection did.
#[derive(Debug, Default)]
struct Tally {
    failed: usize,
    first_error: Option<String>,
    /// Latency of each `200`.
    latencies: Vec<Duration>,
}

impl Tally {
    /// Counts a failure, keeping the first one's text.
    fn fail(&mut self, error: String) {
        self.failed += 1;
        self.first_error.get_or_insert(error);
    }
}

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
    if let Err(error) = stream.set_nodelay(true) {
        tracing::debug!(%addr, %error, "could not set TCP_NODELAY");
    }
    let (sender, conn) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake with {addr} failed: {e}"))?;
    tokio::spawn(async move {
        // A broken connection also fails the request waiting on it, which
        // the report counts; the cause is noted here.
        if let Err(error) = conn.await {
            tracing::debug!(%addr, %error, "connection ended with an error");
        }
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
    use crate::app;

    fn report(connections: usize, requests: usize, latencies: Vec<Duration>) -> Report {
        let addr = "127.0.0.1:1".parse().unwrap();
        Report {
            plan: Plan {
                addr,
                connections,
                requests,
            },
            elapsed: Duration::from_secs(1),
            ok: latencies.len(),
            failed: 0,
            first_error: None,
            latencies,
        }
    }

    /// Percentiles pick the right rank, and Little's law divides.
    #[test]
    fn percentiles_and_the_limit() {
        let report = report(1, 100, (1..=100).map(Duration::from_millis).collect());
        let p = |q| report.percentile(q).map(|d| d.as_millis());
        assert_eq!(
            (p(0.5), p(0.99), p(1.0)),
            (Some(50), Some(99), Some(100)),
            "of 1..=100 ms"
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

    /// 5 requests over the default 1,000 connections open 5, and the report
    /// says 5, the number every figure uses; a failure's text is escaped.
    #[test]
    fn the_report_names_the_connections_it_used() {
        let mut report = report(1000, 5, vec![Duration::from_millis(500); 5]);
        report.first_error = Some("the server sent \u{1b}[2J".into());
        let text = report.to_string();
        assert!(
            text.starts_with("5 requests over 5 connections (not 1000: one per request): 5 ok"),
            "the report should name the 5 connections it used: {text}"
        );
        assert_eq!(report.limit(app::SLEEP), 10.0, "5 connections / 0.5 s");
        assert!(
            text.ends_with("first failure: the server sent \\u{1b}[2J"),
            "{text:?}"
        );
    }
}
