//! `asyncio.run_coroutine_threadsafe` → a runtime `Handle`: from another
//! thread, `handle.spawn(...)`, then `handle.block_on` for the answer.

// ANCHOR: body
async fn double(n: u32) -> u32 {
    tokio::task::yield_now().await;
    n * 2
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let handle = tokio::runtime::Handle::current();
    let from_thread = move || {
        // Not a task: a plain thread may block on the runtime's work.
        let task = handle.spawn(double(21));
        handle.block_on(task).expect("the task ran")
    };
    let answer = tokio::task::spawn_blocking(from_thread)
        .await
        .expect("the thread ran");
    println!("the thread got {answer}");
}
// ANCHOR_END: body
