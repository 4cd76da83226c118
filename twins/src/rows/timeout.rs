//! `async with asyncio.timeout(s)` (3.11) → `tokio::time::timeout` around
//! an `async` block.

// ANCHOR: body
use std::time::Duration;

use tokio::time::{sleep, timeout};

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let steps = async {
        tokio::task::yield_now().await;
        println!("step 1 done");
        sleep(Duration::from_secs(10)).await;
        println!("step 2 done");
    };
    if timeout(Duration::from_millis(20), steps).await.is_err() {
        println!("timed out during step 2");
    }
}
// ANCHOR_END: body
