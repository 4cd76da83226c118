//! `time.sleep` in a coroutine → `std::thread::sleep` in async code: both
//! hold the thread, and on one thread (asyncio's loop, this row's
//! current-thread runtime) no other task runs meanwhile.

// ANCHOR: body
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let other = tokio::spawn(async { println!("other task ran") });
    std::thread::sleep(Duration::from_millis(20)); // blocks: other cannot run
    println!("blocking sleep over");
    other.await.expect("the task ran");

    let other = tokio::spawn(async { println!("other task ran") });
    tokio::time::sleep(Duration::from_millis(20)).await; // gives the thread back
    println!("async sleep over");
    other.await.expect("the task ran");
}
// ANCHOR_END: body
