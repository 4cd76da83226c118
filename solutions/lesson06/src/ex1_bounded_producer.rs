//! Exercise 06-1: a producer that waits for its consumer.
//!
//! A producer makes items faster than anyone can use them. Put a bounded
//! queue between them and the producer's `send` waits while the queue is
//! full: it runs only as fast as its consumer, and the queue never holds
//! more than `capacity` items. This is `asyncio.Queue(maxsize=capacity)`
//! and `await queue.put(item)`. An unbounded queue (or a bounded one far
//! larger than asked) lets the producer run ahead, and everything it makes
//! waits in memory.
//!
//! Write `start_producer`: make a queue holding at most `capacity` items,
//! spawn a task that calls `make(n)` for each `n` in `0..count` and sends
//! the item, in order, and return the queue's receiving end. When the
//! producer is done, the receiver must see the end (`recv` gives `None`).
//! Call `make` only just before sending its item: the tests count the
//! calls to see how far ahead of the consumer the producer has got.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex1`.

use tokio::sync::mpsc;

/// Starts a producer task that sends `make(0)`, `make(1)`, … `make(count -
/// 1)` through a queue of `capacity` (at least 1); returns the receiver.
pub fn start_producer<T, F>(count: u32, capacity: usize, mut make: F) -> mpsc::Receiver<T>
where
    T: Send + 'static,
    F: FnMut(u32) -> T + Send + 'static,
{
    // TODO: a bounded channel of `capacity`, a spawned task that makes and
    // sends each item (waiting while the queue is full), and the receiver.
    let (tx, rx) = mpsc::channel(capacity);
    tokio::spawn(async move {
        for n in 0..count {
            if tx.send(make(n)).await.is_err() {
                break; // the consumer has gone: nobody wants the rest
            }
        }
    });
    rx
}
