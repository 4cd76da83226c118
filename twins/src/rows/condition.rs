//! `asyncio.Condition` → no exact twin in tokio; the nearest is a `Mutex`
//! for the state and a `Notify` to wake the waiter.

// ANCHOR: body
use std::sync::Arc;

use tokio::sync::{Mutex, Notify};

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let items = Arc::new(Mutex::new(Vec::new()));
    let changed = Arc::new(Notify::new());
    let consumer = {
        let (items, changed) = (items.clone(), changed.clone());
        tokio::spawn(async move {
            loop {
                if let Some(item) = items.lock().await.pop() {
                    return println!("consumer got {item}");
                }
                println!("consumer waits");
                // A notify_one sent before this line is kept, not lost.
                changed.notified().await;
            }
        })
    };
    tokio::task::yield_now().await;
    items.lock().await.push("parcel");
    println!("producer notifies");
    changed.notify_one();
    consumer.await.expect("the consumer ran");
}
// ANCHOR_END: body
