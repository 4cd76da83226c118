//! `await asyncio.sleep(0)` → `tokio::task::yield_now().await`.

// ANCHOR: body
async fn count(name: &'static str) {
    for i in 0..3 {
        println!("{name} {i}");
        tokio::task::yield_now().await; // let the other task run
    }
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let a = tokio::spawn(count("a"));
    let b = tokio::spawn(count("b"));
    a.await.expect("a ran");
    b.await.expect("b ran");
}
// ANCHOR_END: body
