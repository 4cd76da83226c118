//! `asyncio.create_task` → `tokio::spawn`; a bare coroutine → a future,
//! which does nothing until awaited.

// ANCHOR: body
async fn job(name: &'static str) {
    println!("{name} starts");
    tokio::task::yield_now().await;
    println!("{name} ends");
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let task = tokio::spawn(job("task"));
    println!("task created");
    // Like asyncio, the task runs when main gives the thread back.
    tokio::task::yield_now().await;
    println!("main awaits the task");
    task.await.expect("the task ran");

    let future = job("future");
    println!("future made, nothing ran");
    future.await;
}
// ANCHOR_END: body
