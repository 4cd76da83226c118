//! `asyncio.shield` → `tokio::spawn`: dropping a `JoinHandle` never
//! cancels its task (only `abort` does).

// ANCHOR: body
use std::time::Duration;

use tokio::time::{sleep, timeout};

async fn save() -> &'static str {
    sleep(Duration::from_millis(200)).await;
    "saved"
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let mut task = tokio::spawn(save());
    // Awaiting `&mut task` lets the timeout give up without dropping it.
    if timeout(Duration::from_millis(5), &mut task).await.is_err() {
        println!("caller gave up");
    }
    println!("the task goes on: {}", task.await.expect("the task ran"));
}
// ANCHOR_END: body
