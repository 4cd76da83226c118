//! `asyncio.all_tasks()` and `Task.done()` → the runtime's metrics
//! (`num_alive_tasks`) and `JoinHandle::is_finished`.

// ANCHOR: body
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let metrics = tokio::runtime::Handle::current().metrics();
    let quick = tokio::spawn(async {});
    let slow = tokio::spawn(tokio::time::sleep(Duration::from_secs(10)));
    println!("tasks alive besides main: {}", metrics.num_alive_tasks());
    tokio::task::yield_now().await;
    println!("quick finished? {}", quick.is_finished());
    println!("slow finished? {}", slow.is_finished());
    slow.abort();
    let _ = slow.await; // the abort has taken effect once this returns
    println!("tasks alive besides main: {}", metrics.num_alive_tasks());
}
// ANCHOR_END: body
