//! Exercise 07-5: a graceful shutdown.
//!
//! When the server is told to stop (`stop` is cancelled), it must stop
//! accepting at once, let every client's task say goodbye (each `handler`
//! watches `stop` itself), and wait for those tasks, but not for ever: a
//! client that does not read can keep its task writing.
//!
//! Write `serve`: accept connections from `listener`, each handled by
//! `handler(stream, stop.clone())` in a task spawned on a
//! `tokio_util::task::TaskTracker`, until `stop` is cancelled (`select!`
//! between `stop.cancelled()` and `listener.accept()`). Then drop the
//! listener (so new clients are refused, not kept waiting), close the
//! tracker, and wait for its tasks for at most `deadline`. Return `true`
//! if they all ended in time, `false` if the deadline came first.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex5`.

use std::future::Future;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub async fn serve<H, F>(
    listener: TcpListener,
    stop: CancellationToken,
    deadline: Duration,
    handler: H,
) -> bool
where
    H: Fn(TcpStream, CancellationToken) -> F,
    F: Future<Output = ()> + Send + 'static,
{
    // TODO: the accept loop on a TaskTracker, then the wait within the
    // deadline, as the task above says.
    let tasks = TaskTracker::new();
    loop {
        tokio::select! {
            _ = stop.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    tasks.spawn(handler(stream, stop.clone()));
                }
                // Out of file descriptors, say: not the end of the server.
                // Logged, and tried again after a pause.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener);
    tasks.close();
    tokio::time::timeout(deadline, tasks.wait()).await.is_ok()
}
