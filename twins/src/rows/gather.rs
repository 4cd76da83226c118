//! `asyncio.gather` → `tokio::join!` (a fixed number) or
//! `futures::future::join_all` (a list).

// ANCHOR: body
use std::time::Duration;

async fn fetch(name: &str, ms: u64) -> String {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("{name} done");
    name.to_uppercase()
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (slow, fast) = tokio::join!(fetch("slow", 150), fetch("fast", 10));
    println!("{slow}, {fast}");
    let all = futures::future::join_all([fetch("a", 100), fetch("b", 10)]).await;
    println!("{}", all.join(", "));
}
// ANCHOR_END: body
