//! `asyncio.Semaphore` → `tokio::sync::Semaphore`, whose permit is a guard.

// ANCHOR: body
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let permits = Arc::new(Semaphore::new(2));
    let (running, most) = (Arc::new(AtomicU32::new(0)), Arc::new(AtomicU32::new(0)));
    let mut jobs = Vec::new();
    for n in 1..=4 {
        let (permits, running, most) = (permits.clone(), running.clone(), most.clone());
        jobs.push(tokio::spawn(async move {
            let _permit = permits.acquire().await.expect("never closed");
            println!("job {n} runs");
            most.fetch_max(
                running.fetch_add(1, Ordering::Relaxed) + 1,
                Ordering::Relaxed,
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
            running.fetch_sub(1, Ordering::Relaxed);
        })); // the permit goes back here, when `_permit` is dropped
    }
    for job in jobs {
        job.await.expect("the job ran");
    }
    println!("at most {} at once", most.load(Ordering::Relaxed));
}
// ANCHOR_END: body
