//! Workers that stop when told, and how a test sees that none outlived the
//! shutdown (chapter 10, "Cancellation and leaks under test").

use std::time::Duration;

use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

/// How many workers [`run_and_stop`] starts.
pub const WORKERS: usize = 3;

/// How often a worker does a round of its (pretend) work.
pub const TICK: Duration = Duration::from_millis(100);

/// One worker: a round of work every [`TICK`] until `stop` says true. It
/// holds `alive` only so that a test can tell when it has ended.
pub async fn worker(mut stop: watch::Receiver<bool>, alive: mpsc::Sender<()>) {
    let _alive = alive;
    loop {
        tokio::select! {
            _ = stop.wait_for(|stop| *stop) => return,
            _ = tokio::time::sleep(TICK) => {}
        }
    }
}

// ANCHOR: run_and_stop
/// Starts [`WORKERS`] workers, each with a clone of `alive`, lets them work
/// for a second of tokio's clock, tells them to stop and waits until every
/// one has ended: when it returns, no clone of `alive` is left.
pub async fn run_and_stop(alive: mpsc::Sender<()>) {
    let (stop, stopped) = watch::channel(false);
    let mut workers = JoinSet::new();
    for _ in 0..WORKERS {
        workers.spawn(worker(stopped.clone(), alive.clone()));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = stop.send(true);
    while workers.join_next().await.is_some() {}
}
// ANCHOR_END: run_and_stop

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc::error::TryRecvError;
    use tokio::time::timeout;
    use tokio_test::{assert_pending, task};

    // ANCHOR: dropped_mid_way
    /// Dropping a future is how Rust cancels it: polled once, it has
    /// started its workers; dropped, its JoinSet aborts them, and once the
    /// runtime has run the aborts no worker holds `alive` any more.
    #[tokio::test(start_paused = true)]
    async fn dropping_it_mid_way_leaves_nothing_behind() {
        let (alive, mut gone) = mpsc::channel::<()>(1);
        let mut running = task::spawn(run_and_stop(alive));
        assert_pending!(running.poll());
        drop(running);
        let ended = timeout(Duration::from_secs(1), gone.recv()).await;
        assert_eq!(ended, Ok(None), "a worker outlived the dropped future");
    }
    // ANCHOR_END: dropped_mid_way

    // ANCHOR: none_outlives
    /// The channel as a leak detector: `alive`'s receiver reads
    /// `Disconnected` once every sender is gone, that is once every worker
    /// has ended. Checked at once, not after a wait: "ended a little later"
    /// is a worker that outlived the shutdown.
    #[tokio::test(start_paused = true)]
    async fn no_worker_outlives_the_shutdown() {
        let (alive, mut gone) = mpsc::channel::<()>(1);
        let stopped = timeout(Duration::from_secs(10), run_and_stop(alive)).await;
        assert!(stopped.is_ok(), "run_and_stop never returned");
        assert_eq!(gone.try_recv(), Err(TryRecvError::Disconnected));
    }
    // ANCHOR_END: none_outlives
}
