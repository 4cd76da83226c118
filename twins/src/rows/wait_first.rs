//! `asyncio.wait(..., return_when=FIRST_COMPLETED)` → `tokio::select!`,
//! which drops (cancels) the branches that lose.

// ANCHOR: body
use std::time::Duration;

async fn work(name: &'static str, ms: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    name
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let winner = tokio::select! {
        name = work("fast", 10) => name,
        name = work("slow", 10_000) => name,
    };
    println!("winner: {winner}");
    // select! has already dropped the loser: nothing left to cancel.
    println!("the other one is cancelled");
}
// ANCHOR_END: body
