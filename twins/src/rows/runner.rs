//! `asyncio.Runner` (3.11) → one `Runtime`, several `block_on` calls.

// ANCHOR: body
use std::time::Duration;

async fn start_background() -> tokio::task::JoinHandle<&'static str> {
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_millis(10)).await;
        "background done"
    })
}

pub fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let task = runtime.block_on(start_background());
    let finished = if task.is_finished() { "yes" } else { "no" };
    println!("first run returned; task finished? {finished}");
    // The same runtime again: the task it holds goes on where it stopped.
    let result = runtime.block_on(task).expect("the task ran");
    println!("second run: {result}");
}
// ANCHOR_END: body
