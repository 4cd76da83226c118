//! Exercise 06-2: fan-in that ends.
//!
//! Several workers report into one queue, and one loop reads it. In Python
//! the loop needs to be told when to stop: a sentinel per worker, or
//! `Queue.shutdown()` (3.13). In Rust the queue closes by itself when its
//! last sender is dropped: give each worker a clone of the sender, and
//! `recv` gives `None` once every worker has finished. The trap: the
//! sender you cloned from is a sender too. Kept alive in this function, it
//! keeps the queue open, and the loop waits for ever for a message nobody
//! will send.
//!
//! Write `gather`: run every worker at once, each in its own task with a
//! clone of one queue's sender (`Worker::run(self, tx)` sends its reports
//! and returns), collect every report in the order it arrives, and return
//! them when the queue has closed.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex2`.

use std::time::Duration;

use tokio::sync::mpsc;

/// A worker that sends a report after each of its delays. Given. Its
/// fields are private: `gather` cannot know how many reports will come,
/// only that the queue closes when the last worker is done.
#[derive(Debug, Clone)]
pub struct Worker {
    name: String,
    delays: Vec<Duration>,
}

impl Worker {
    /// A worker called `name` that reports after each of `delays`.
    pub fn new(name: &str, delays: Vec<Duration>) -> Worker {
        Worker {
            name: name.to_string(),
            delays,
        }
    }

    /// Sends `"<name> <k>"` after the k-th delay (counting from 1), then
    /// returns, dropping `tx`.
    pub async fn run(self, tx: mpsc::Sender<String>) {
        for (k, delay) in self.delays.iter().enumerate() {
            tokio::time::sleep(*delay).await;
            if tx.send(format!("{} {}", self.name, k + 1)).await.is_err() {
                return;
            }
        }
    }
}

/// Runs every worker at once; every report, in the order they arrived.
pub async fn gather(workers: Vec<Worker>) -> Vec<String> {
    // TODO: one queue; spawn each worker with its own clone of the sender;
    // read until the queue closes, which it does only when no sender is
    // left anywhere.
    let (tx, mut rx) = mpsc::channel(16);
    for worker in workers {
        tokio::spawn(worker.run(tx.clone()));
    }
    drop(tx); // the last sender left here: without this, recv never ends
    let mut reports = Vec::new();
    while let Some(report) = rx.recv().await {
        reports.push(report);
    }
    reports
}
