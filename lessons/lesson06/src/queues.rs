//! `tokio::sync::mpsc` as `asyncio.Queue`: a bounded queue makes a fast
//! producer wait (back-pressure), an unbounded one lets it run ahead and
//! fills memory, and a queue closes when its last sender is dropped, where
//! asyncio needs a sentinel or `Queue.shutdown()` (Python 3.13).
//!
//! The demos run on tokio's paused clock, so their logs are the same on
//! every run; the measurements ([`memory_over_time`], [`messages_per_second`])
//! run on the real one.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

/// Milliseconds since `start` on tokio's clock, for a log line.
fn ms(start: tokio::time::Instant) -> u128 {
    start.elapsed().as_millis()
}

// ANCHOR: bounded
/// A producer that makes 6 items at once into a queue of 2, and a consumer
/// that takes 10 ms over each. Returns the log: the producer's `send`
/// waits whenever the queue is full, so it runs only as fast as the
/// consumer, like `await queue.put(x)` on an `asyncio.Queue(maxsize=2)`.
pub async fn back_pressure() -> Vec<String> {
    let start = tokio::time::Instant::now();
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let (log_tx, mut log_rx) = mpsc::unbounded_channel::<String>();
    let producer = tokio::spawn({
        let log = log_tx.clone();
        async move {
            for item in 1..=6 {
                tx.send(item).await.expect("the consumer is gone");
                let _ = log.send(format!("{:>3} ms  put {item}", ms(start)));
            }
            // `tx` is dropped here: the queue closes once it is empty.
        }
    });
    // `recv` gives `None` once every sender is dropped and the queue is
    // empty: no sentinel needed.
    while let Some(item) = rx.recv().await {
        tokio::time::sleep(Duration::from_millis(10)).await; // a slow consumer
        let _ = log_tx.send(format!("{:>3} ms      got {item}", ms(start)));
    }
    producer.await.expect("the producer panicked");
    drop(log_tx);
    let mut log = Vec::new();
    while let Some(line) = log_rx.recv().await {
        log.push(line);
    }
    log
}
// ANCHOR_END: bounded

// ANCHOR: closing
/// Two producers share one queue through clones of its sender; the
/// consumer's loop ends by itself when both have finished and dropped
/// theirs. Returns what the consumer received.
pub async fn closed_by_dropping() -> Vec<String> {
    let (tx, mut rx) = mpsc::channel::<String>(8);
    for name in ["a", "b"] {
        let tx = tx.clone(); // one sender per producer
        tokio::spawn(async move {
            for i in 1..=2 {
                tokio::time::sleep(Duration::from_millis(1)).await;
                let _ = tx.send(format!("{name}{i}")).await;
            }
        });
    }
    // The original sender would keep the queue open for ever: drop it.
    drop(tx);
    let mut got = Vec::new();
    while let Some(message) = rx.recv().await {
        got.push(message);
    }
    got
}
// ANCHOR_END: closing

/// Which queue [`memory_over_time`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// `mpsc::channel(64)`.
    Bounded,
    /// `mpsc::unbounded_channel()`.
    Unbounded,
}

/// One sample of [`memory_over_time`].
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Since the start, ms of real time.
    pub at_ms: u64,
    /// Messages waiting in the queue.
    pub queued: usize,
    /// This process's resident memory, KiB (`None` off Linux).
    pub rss_kib: Option<u64>,
}

/// The size of one message in the memory run, bytes.
pub const MESSAGE: usize = 4096;

// ANCHOR: memory
/// A producer that wants to send 100 messages of 4 KiB every 10 ms, into
/// the bounded queue or the unbounded one. Behind a consumer that takes one
/// every 10 ms, with a bounded queue the producer waits and memory stays
/// flat; with an unbounded one the queue grows by 99 messages (396 KiB)
/// each 10 ms until the process runs out of memory.
async fn produce(
    queue: Queue,
    bounded_tx: mpsc::Sender<Vec<u8>>,
    unbounded_tx: mpsc::UnboundedSender<Vec<u8>>,
) {
    let mut every = tokio::time::interval(Duration::from_millis(10));
    loop {
        every.tick().await;
        for _ in 0..100 {
            let message = vec![1u8; MESSAGE];
            let sent = match queue {
                Queue::Bounded => bounded_tx.send(message).await.is_ok(),
                Queue::Unbounded => unbounded_tx.send(message).is_ok(), // never waits
            };
            if !sent {
                return;
            }
        }
    }
}
// ANCHOR_END: memory

/// [`produce`] against a consumer that takes one message every 10 ms, for
/// `run` of real time: a sample (queue length, resident memory) every
/// `run / 5`.
pub async fn memory_over_time(queue: Queue, run: Duration) -> Vec<Sample> {
    let (bounded_tx, bounded_rx) = mpsc::channel::<Vec<u8>>(64);
    let (unbounded_tx, unbounded_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let producer = tokio::spawn(produce(queue, bounded_tx, unbounded_tx));
    let queued = Arc::new(AtomicUsize::new(0));
    let (mut bounded_rx, mut unbounded_rx) = (bounded_rx, unbounded_rx);
    let consumer = tokio::spawn({
        let queued = Arc::clone(&queued);
        async move {
            let mut every = tokio::time::interval(Duration::from_millis(10));
            loop {
                every.tick().await;
                let (got, left) = match queue {
                    Queue::Bounded => (bounded_rx.recv().await, bounded_rx.len()),
                    Queue::Unbounded => (unbounded_rx.recv().await, unbounded_rx.len()),
                };
                queued.store(left, Ordering::Relaxed);
                if got.is_none() {
                    return;
                }
            }
        }
    });
    let start = Instant::now();
    let mut samples = Vec::new();
    for _ in 0..5 {
        tokio::time::sleep(run / 5).await;
        samples.push(Sample {
            at_ms: start.elapsed().as_millis() as u64,
            queued: queued.load(Ordering::Relaxed),
            rss_kib: lessonkit::memory::rss_kib(),
        });
    }
    producer.abort();
    consumer.abort();
    samples
}

// ANCHOR: speed
/// Sends `count` numbers through a bounded queue of 128 from one task to
/// another on a current-thread runtime (one thread, as asyncio has), and
/// returns messages per second of real time.
pub async fn messages_per_second(count: u64) -> f64 {
    let (tx, mut rx) = mpsc::channel::<u64>(128);
    let start = Instant::now();
    let producer = tokio::spawn(async move {
        for n in 0..count {
            tx.send(n).await.expect("the consumer is gone");
        }
    });
    let mut sum = 0u64;
    while let Some(n) = rx.recv().await {
        sum = sum.wrapping_add(n);
    }
    producer.await.expect("the producer panicked");
    let took = start.elapsed().as_secs_f64();
    assert_eq!(
        sum,
        count * count.saturating_sub(1) / 2,
        "a message was lost"
    );
    count as f64 / took
}
// ANCHOR_END: speed
