//! Streams as async iterators: `futures::Stream` is what `async for`
//! walks in Python, a future of many values. One written with
//! `stream::unfold` (an async generator's twin), one written by hand with
//! `poll_next`, a chain of `StreamExt` adapters, and `FuturesUnordered` as
//! `asyncio.as_completed`.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::stream::{self, FuturesUnordered, Stream, StreamExt};
use tokio::sync::mpsc;

// ANCHOR: unfold
/// Pages of results, fetched one page at a time as the stream is read,
/// like an async generator that `yield`s each page:
///
/// ```python
/// async def pages(last):
///     for n in range(1, last + 1):
///         await asyncio.sleep(0.005)
///         yield f"page {n}"
/// ```
pub fn pages(last: u32) -> impl Stream<Item = String> {
    stream::unfold(1, move |n| async move {
        if n > last {
            return None; // the generator returns: the stream ends
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
        Some((format!("page {n}"), n + 1)) // (the item, the next state)
    })
}
// ANCHOR_END: unfold

// ANCHOR: by_hand
/// A channel's receiver as a stream, by hand: `poll_next` is `poll` for a
/// value that comes many times. `Ready(Some(item))` is one item,
/// `Ready(None)` the end, `Pending` "not yet, and I have arranged to be
/// woken", which `poll_recv` does by keeping `cx`'s waker.
#[derive(Debug)]
pub struct Incoming<T> {
    receiver: mpsc::Receiver<T>,
}

impl<T> Incoming<T> {
    pub fn new(receiver: mpsc::Receiver<T>) -> Incoming<T> {
        Incoming { receiver }
    }
}

impl<T> Stream for Incoming<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.receiver.poll_recv(cx)
    }
}
// ANCHOR_END: by_hand

// ANCHOR: adapters
/// Adapters, each a stream over the one before: keep the even numbers,
/// fetch each with at most 3 fetches running at once (answers in the order
/// they finish), and stop when 40 ms have passed. Nothing runs until the
/// last line asks for items.
pub async fn adapters() -> Vec<String> {
    let stop = tokio::time::sleep(Duration::from_millis(40));
    stream::iter(1..=20u64)
        .filter(|n| std::future::ready(n % 2 == 0))
        .map(|n| async move {
            // A fetch that takes longer for some numbers than others.
            tokio::time::sleep(Duration::from_millis(5 + (n % 3) * 5)).await;
            format!("#{n}")
        })
        .buffer_unordered(3)
        .take_until(stop)
        .collect()
        .await
}
// ANCHOR_END: adapters

// ANCHOR: as_completed
/// `for fut in asyncio.as_completed(aws): print(await fut)`: the answers in
/// the order they finish, not the order they were asked.
pub async fn as_completed() -> Vec<String> {
    let mut running: FuturesUnordered<_> = [("slow", 30), ("fast", 10), ("middle", 20)]
        .into_iter()
        .map(|(name, ms)| async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            name.to_string()
        })
        .collect();
    let mut done = Vec::new();
    while let Some(name) = running.next().await {
        done.push(name);
    }
    done
}
// ANCHOR_END: as_completed

/// The two streams of this module, read the same way: an async generator
/// and a channel, read by `while let Some(_) = s.next().await`, the twin
/// of `async for`.
pub async fn read_both() -> (Vec<String>, Vec<u32>) {
    let pages: Vec<String> = pages(3).collect().await;
    let (tx, rx) = mpsc::channel(4);
    tokio::spawn(async move {
        for n in [3, 1, 4] {
            let _ = tx.send(n).await;
        }
    });
    let mut incoming = Incoming::new(rx);
    let mut numbers = Vec::new();
    while let Some(n) = incoming.next().await {
        numbers.push(n);
    }
    (pages, numbers)
}
