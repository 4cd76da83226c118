//! `loop.call_later(delay, callback)` → a spawned task that sleeps, then
//! calls; its `JoinHandle::abort` is the `TimerHandle.cancel()`.

// ANCHOR: body
use std::time::Duration;

fn ring(name: &str) {
    println!("timer {name} fired");
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let later = |ms, name| {
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            ring(name);
        })
    };
    let first = later(10, "first");
    let second = later(20, "second");
    second.abort();
    println!("second timer cancelled");
    first.await.expect("the timer ran");
}
// ANCHOR_END: body
