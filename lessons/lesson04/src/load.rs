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
    /// Requests in all, shared out among the connections.
    pub requests: usize,
}

/// What came back.
#[derive(Debug, Clone)]
pub struct Report {
    pub plan: Plan,
    /// From the first connect to the last answer.
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
        little_limit(self.plan.connections.min(self.plan.requests), wait)
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
        write!(
            f,
            "{} requests over {} connections: {} ok, {} failed in {:.3} s = {:.0} req/s; \
             latency p50 {}, p99 {}, max {}",
            self.plan.requests,
            self.plan.connections,
            self.ok,
            self.failed,
            self.elapsed.as_secs_f64(),
            self.requests_per_second(),
            ms(self.percentile(0.50)),
            ms(self.percentile(0.99)),
            ms(self.latencies.last().copied()),
        )?;
        if let Some(e) = &self.first_error {
            write!(f, "\nfirst failure: {e}")?;
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
    latencies: Vec<Duration>,
}

impl Tally {
    fn fail(&mut self, error: String) {
        self.failed += 1;
        self.first_error.get_or_insert(error);
    }
}

// ANCHOR: run
/// Opens `plan.connections` connections at once and sends `plan.requests`
/// requests over them, one in flight per connection, as fast as answers come.
pub async fn run(plan: Plan) -> Report {
    let next = Arc::new(AtomicUsize::new(0)); // the next request to send
    let started = Instant::now();
    let tasks: Vec<_> = (0..plan.connections.min(plan.requests))
        .map(|_| tokio::spawn(connection(plan.clone(), next.clone())))
        .collect();
    let mut report = Report {
        plan: plan.clone(),
        elapsed: Duration::ZERO,
        ok: 0,
        failed: 0,
        first_error: None,
        latencies: Vec::with_capacity(plan.requests),
    };
    for task in tasks {
        let tally = task.await.unwrap_or_else(|e| Tally {
            failed: 1,
            first_error: Some(format!("a connection task failed: {e}")),
            ..Tally::default()
        });
        report.ok += tally.ok;
        report.failed += tally.failed;
        report.latencies.extend(tally.latencies);
        if report.first_error.is_none() {
            report.first_error = tally.first_error;
        }
    }
    report.elapsed = started.elapsed();
    report.latencies.sort_unstable();
    report
}

/// One connection: connect, then take request numbers until none are left.
async fn connection(plan: Plan, next: Arc<AtomicUsize>) -> Tally {
    let mut tally = Tally::default();
    if next.fetch_add(1, Ordering::Relaxed) >= plan.requests {
        return tally;
    }
    let mut sent = Instant::now(); // the first request's latency includes connecting
    let mut sender = match open(plan.addr).await {
        Ok(sender) => sender,
        Err(e) => {
            tally.fail(e);
            // The requests this connection would have sent fail with it.
            while next.fetch_add(1, Ordering::Relaxed) < plan.requests {
                tally.failed += 1;
            }
            return tally;
        }
    };
    loop {
        match tokio::time::timeout(TIMEOUT, get(&mut sender, &plan.addr, &plan.path)).await {
            Ok(Ok(StatusCode::OK)) => {
                tally.ok += 1;
                tally.latencies.push(sent.elapsed());
            }
            Ok(Ok(status)) => tally.fail(format!("the server answered {status}")),
            Ok(Err(e)) => {
                tally.fail(e);
                break;
            }
            Err(_) => {
                tally.fail(format!("no answer within {} s", TIMEOUT.as_secs()));
                break;
            }
        }
        if next.fetch_add(1, Ordering::Relaxed) >= plan.requests {
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
) -> Result<StatusCode, String> {
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
    to_bytes(Body::new(response.into_body()), 1 << 20)
        .await
        .map_err(|e| format!("reading the answer failed: {e}"))?;
    Ok(status)
}

/// One GET on a fresh connection, for tests and quick checks: the status
/// and the body as text.
pub async fn fetch(addr: SocketAddr, path: &str) -> Result<(StatusCode, String), String> {
    let mut sender = open(addr).await?;
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
            requests: 100,
        };
        let report = Report {
            plan,
            elapsed: Duration::from_secs(1),
            ok: 100,
            failed: 0,
            first_error: None,
            latencies: (1..=100).map(Duration::from_millis).collect(),
        };
        assert_eq!(report.percentile(0.5), Some(Duration::from_millis(50)));
        assert_eq!(report.percentile(0.99), Some(Duration::from_millis(99)));
        assert_eq!(report.percentile(1.0), Some(Duration::from_millis(100)));
        assert_eq!(little_limit(1000, app::SLEEP), 2000.0);
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
                requests: 200,
            };
            let report = tokio::time::timeout(Duration::from_secs(10), run(plan))
                .await
                .expect("the load took over 10 s");
            assert_eq!((report.ok, report.failed), (200, 0), "{report}");
            assert_eq!(report.latencies.len(), 200);
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
                requests: 10,
            };
            let report = run(plan).await;
            assert_eq!((report.ok, report.failed), (0, 10), "{report}");
            let error = report.first_error.unwrap();
            assert!(error.contains("is the server running"), "{error}");
        });
    }
}
