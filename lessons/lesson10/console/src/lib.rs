//! A server with two faults for tokio-console to find.
//!
//! Why it exists: chapter 10's last question is "which of my tasks is
//! stuck?", and the answer is a tool that lists every task, where it was
//! spawned and how long it has been busy or idle. This module starts such a
//! program: an echo server on 127.0.0.1, with two bugs a learner should
//! find in the console without reading this file:
//!
//! - a handler (`lookup`) that waits for a reply nobody will send: its
//!   sender was stored and forgotten, so the task is idle for ever while
//!   still holding a waker (no tool can tell it from a slow reply but by
//!   how long it has been idle);
//! - a job (`checksum`) that computes without ever reaching an `.await`,
//!   so it holds a worker thread for as long as it runs: the console shows
//!   one poll that has not ended, and its "never yielded" warning.
//!
//! [`serve_console`] starts the console's gRPC endpoint on a listener the
//! caller bound (127.0.0.1 port 0 in the test), so nothing here picks a port.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The names the two faulty tasks carry in the console's task list.
pub const STUCK: &str = "lookup";
/// See [`STUCK`].
pub const BUSY: &str = "checksum";

/// What [`start`] leaves running; [`Demo::stop`] ends the busy job.
pub struct Demo {
    /// The echo server's address (127.0.0.1, the port the OS gave).
    pub addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    /// The forgotten senders: kept alive, so the stuck task is never woken.
    _forgotten: Vec<oneshot::Sender<String>>,
}

impl Demo {
    /// Asks the busy job to end (it checks between two rounds of work).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts the echo server, the stuck handler and the busy job on the
/// current runtime, each a task with its name. Needs a multi-thread
/// runtime with two workers or more: the busy job holds one.
pub async fn start() -> std::io::Result<Demo> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    named("echo server", echo(listener))?;

    // ANCHOR: stuck
    // The bug: the reply's sender goes into a list and is never used.
    let (reply, answer) = oneshot::channel::<String>();
    named(STUCK, async move {
        let _name = answer.await;
    })?;
    // ANCHOR_END: stuck

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // ANCHOR: busy
    named(BUSY, async move {
        // The bug: a loop with no `.await` in it never gives the worker back.
        let mut sum = 0u64;
        while !flag.load(Ordering::Relaxed) {
            sum = (1..10_000u64).fold(sum, |acc, n| acc.wrapping_mul(31).wrapping_add(n));
        }
        std::hint::black_box(sum);
    })?;
    // ANCHOR_END: busy

    Ok(Demo {
        addr,
        stop,
        _forgotten: vec![reply],
    })
}

/// Spawns `future` as a task named `name` (the name tokio-console shows).
fn named<F>(name: &str, future: F) -> std::io::Result<JoinHandle<F::Output>>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::task::Builder::new().name(name).spawn(future)
}

/// Echoes each line back, one task per connection.
async fn echo(listener: TcpListener) {
    while let Ok((socket, peer)) = listener.accept().await {
        let _ = named(&format!("connection {peer}"), async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                if write
                    .write_all(format!("{line}\n").as_bytes())
                    .await
                    .is_err()
                {
                    break;
                }
            }
        });
    }
}

/// Serves the console's gRPC endpoint (what tokio-console connects to) on
/// `listener`, and collects the runtime's task events for it. Returns the
/// tracing layer to install; the endpoint runs on the current runtime.
pub fn serve_console(
    listener: TcpListener,
    publish_every: std::time::Duration,
) -> console_subscriber::ConsoleLayer {
    let (layer, server) = console_subscriber::ConsoleLayer::builder()
        .publish_interval(publish_every)
        .build();
    let parts = server.into_parts();
    let router = tonic::transport::Server::builder().add_service(parts.instrument_server);
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    let aggregator = parts.aggregator;
    tokio::spawn(async move { aggregator.run().await });
    tokio::spawn(router.serve_with_incoming(incoming));
    layer
}
