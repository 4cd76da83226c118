//! `Task.cancel()` and `finally` → `JoinHandle::abort` and `Drop`.

// ANCHOR: body
use std::time::Duration;

struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("worker cleans up");
    }
}

async fn worker() {
    let _cleanup = Cleanup; // dropped however the future ends
    println!("worker waits");
    tokio::time::sleep(Duration::from_secs(10)).await;
    println!("worker finished");
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let task = tokio::spawn(worker());
    tokio::task::yield_now().await;
    task.abort();
    match task.await {
        Err(e) if e.is_cancelled() => println!("main: the task was cancelled"),
        _ => println!("main: the task ended another way"),
    }
}
// ANCHOR_END: body
