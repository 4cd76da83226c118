//! `asyncio.wait_for(aw, timeout)` → `tokio::time::timeout(duration, future)`.

// ANCHOR: body
use std::time::Duration;

use tokio::time::{sleep, timeout};

async fn quick() -> &'static str {
    tokio::task::yield_now().await;
    "quick answer"
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    match timeout(Duration::from_millis(20), sleep(Duration::from_secs(10))).await {
        Ok(()) => println!("finished"),
        Err(_elapsed) => println!("timed out"),
    }
    match timeout(Duration::from_secs(5), quick()).await {
        Ok(answer) => println!("{answer}"),
        Err(_elapsed) => println!("timed out"),
    }
}
// ANCHOR_END: body
