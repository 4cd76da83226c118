//! One sender, many receivers: `broadcast` (every subscriber sees every
//! message, unless it falls behind: `Lagged`), `watch` (only the latest
//! value), and `Notify` (a wake-up with no value), beside asyncio's
//! `Event`, which has no one twin in tokio.
//!
//! asyncio has no broadcast queue at all: a Python program keeps a list of
//! `Queue`s, one per subscriber, and puts each message into all of them.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{Notify, broadcast, watch};

// ANCHOR: lagged
/// A broadcast channel that keeps 4 messages; a subscriber that falls 10
/// behind. Its next `recv` says how many it missed (`Lagged(6)`), then
/// goes on from the oldest message still kept. Returns what it saw.
pub async fn lagging_subscriber() -> Vec<String> {
    let (tx, mut rx) = broadcast::channel::<u32>(4);
    for n in 1..=10 {
        tx.send(n).expect("no subscriber"); // send never waits for anyone
    }
    drop(tx);
    let mut seen = Vec::new();
    loop {
        match rx.recv().await {
            Ok(n) => seen.push(format!("got {n}")),
            Err(RecvError::Lagged(missed)) => seen.push(format!("Lagged({missed})")),
            Err(RecvError::Closed) => break,
        }
    }
    seen
}
// ANCHOR_END: lagged

// ANCHOR: watch
/// A progress value that changes faster than its watcher looks: the
/// watcher sees the latest value each time, never a queue of old ones.
pub async fn latest_only() -> Vec<u32> {
    let (tx, mut rx) = watch::channel(0u32);
    let writer = tokio::spawn(async move {
        for percent in (10..=100).step_by(10) {
            tx.send_replace(percent);
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    });
    let mut seen = Vec::new();
    // `changed` is Err once the sender is gone and nothing new is left.
    while rx.changed().await.is_ok() {
        seen.push(*rx.borrow_and_update());
        tokio::time::sleep(Duration::from_millis(10)).await; // a slow watcher
    }
    writer.await.expect("the writer panicked");
    seen
}
// ANCHOR_END: watch

// ANCHOR: event
/// `asyncio.Event` stays set: a waiter that comes after `set()` goes
/// straight through. `Notify::notify_waiters` wakes only those already
/// waiting, so a late waiter would wait for ever; a `watch` channel of a
/// `bool` is the twin that stays set. Returns whether each late waiter got
/// through within 1 s.
pub async fn event_twins() -> (bool, bool) {
    let notify = Arc::new(Notify::new());
    notify.notify_waiters(); // nobody waits yet: this wakes no one, and is forgotten
    let late = tokio::time::timeout(Duration::from_secs(1), notify.notified());
    let notify_late_got_through = late.await.is_ok();

    let (set, is_set) = watch::channel(false);
    set.send_replace(true); // event.set()
    let mut late = is_set.clone();
    let waited = tokio::time::timeout(Duration::from_secs(1), late.wait_for(|set| *set));
    let watch_late_got_through = matches!(waited.await, Ok(Ok(_)));
    (notify_late_got_through, watch_late_got_through)
}
// ANCHOR_END: event
