//! `asyncio.to_thread` / `loop.run_in_executor` →
//! `tokio::task::spawn_blocking`.

// ANCHOR: body
use std::sync::mpsc;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (go, wait) = mpsc::channel::<()>();
    let blocking = tokio::task::spawn_blocking(move || {
        // Blocks its own thread, not the runtime's.
        wait.recv_timeout(Duration::from_secs(5))
            .expect("told to go");
        "blocking work done"
    });
    println!("the runtime is free while the thread blocks");
    go.send(()).expect("the thread waits");
    println!("{}", blocking.await.expect("the thread ran"));
}
// ANCHOR_END: body
