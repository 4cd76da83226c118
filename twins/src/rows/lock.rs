//! `asyncio.Lock` → `tokio::sync::Mutex<T>`: the lock owns the data it
//! guards, and the guard unlocks when dropped.

// ANCHOR: body
use std::sync::Arc;

use tokio::sync::Mutex;

async fn add(name: &'static str, total: Arc<Mutex<u32>>) {
    let mut guard = total.lock().await;
    println!("{name} holds the lock");
    let seen = *guard;
    tokio::task::yield_now().await; // others run, but cannot get in
    *guard = seen + 1;
    println!("{name} lets go");
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let total = Arc::new(Mutex::new(0));
    let a = tokio::spawn(add("a", total.clone()));
    let b = tokio::spawn(add("b", total.clone()));
    a.await.expect("a ran");
    b.await.expect("b ran");
    println!("total {}", total.lock().await);
}
// ANCHOR_END: body
