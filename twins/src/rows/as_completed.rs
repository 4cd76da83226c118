//! `asyncio.as_completed` → `FuturesUnordered` (or a `JoinSet`'s
//! `join_next`): results in the order they finish.

// ANCHOR: body
use std::time::Duration;

use futures::stream::{FuturesUnordered, StreamExt};

async fn work(name: &'static str, ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    name
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let mut running: FuturesUnordered<_> = [work("a", 120), work("b", 10), work("c", 60)]
        .into_iter()
        .collect();
    while let Some(name) = running.next().await {
        println!("{name} finished");
    }
}
// ANCHOR_END: body
