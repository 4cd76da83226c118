//! `asyncio.eager_task_factory` (3.12) → no eager spawn in tokio; the
//! nearest is a function that does its first step before it returns the
//! future that does the rest.

// ANCHOR: body
use std::future::Future;

fn job() -> impl Future<Output = ()> {
    println!("job runs its first step"); // runs at the call, eagerly
    async {
        tokio::task::yield_now().await;
        println!("job finishes");
    }
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let task = tokio::spawn(job());
    println!("create_task returned");
    task.await.expect("the job ran");
}
// ANCHOR_END: body
