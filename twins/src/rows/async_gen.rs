//! Async generators and `async for` → a `Stream` and
//! `while let Some(x) = stream.next().await`.

// ANCHOR: body
use futures::stream::{self, Stream, StreamExt};

fn countdown(from: u32) -> impl Stream<Item = u32> {
    // No `yield` in stable Rust's async code: unfold is state in, item out.
    stream::unfold(from, |n| async move {
        if n == 0 {
            return None;
        }
        tokio::task::yield_now().await;
        Some((n, n - 1))
    })
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let mut numbers = std::pin::pin!(countdown(3));
    while let Some(n) = numbers.next().await {
        println!("{n}");
    }
    let doubled: Vec<u32> = countdown(3).map(|n| n * 2).collect().await;
    println!("doubled: {doubled:?}");
    println!("liftoff");
}
// ANCHOR_END: body
