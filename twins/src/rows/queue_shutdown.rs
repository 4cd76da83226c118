//! `Queue.shutdown()` (3.13) → dropping the last `Sender`: the receiver
//! drains what is left, then `recv` returns `None`.

// ANCHOR: body
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    for job in ["a", "b"] {
        tx.send(job).expect("the receiver is there");
    }
    drop(tx); // shut down: nothing more will come
    while let Some(job) = rx.recv().await {
        println!("got {job}");
    }
    println!("queue shut down and empty");
}
// ANCHOR_END: body
