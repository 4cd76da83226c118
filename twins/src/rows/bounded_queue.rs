//! `asyncio.Queue(maxsize)` → a bounded `tokio::sync::mpsc` channel.

// ANCHOR: body
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let producer = tokio::spawn(async move {
        for item in 1..=4 {
            tx.send(item).await.expect("the consumer is there"); // waits when full
            println!("put {item}");
        }
    });
    // The producer fills the two places, then waits for room.
    tokio::task::yield_now().await;
    while let Some(item) = rx.recv().await {
        println!("got {item}");
    }
    producer.await.expect("the producer ran");
}
// ANCHOR_END: body
