//! `asyncio.Barrier` (3.11) → `tokio::sync::Barrier`.

// ANCHOR: body
use std::sync::Arc;

use tokio::sync::Barrier;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let barrier = Arc::new(Barrier::new(3));
    let mut tasks = Vec::new();
    for n in 1..=3 {
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            println!("task {n} arrives");
            // Exactly one of the three is told it leads.
            if barrier.wait().await.is_leader() {
                println!("all three are here");
            }
        }));
    }
    for task in tasks {
        task.await.expect("the task ran");
    }
}
// ANCHOR_END: body
