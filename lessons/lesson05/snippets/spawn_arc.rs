// ANCHOR: all
use std::sync::Arc;

async fn report(names: Arc<Vec<String>>) {
    tokio::task::yield_now().await;
    println!("{} names", names.len());
}

fn start(names: Arc<Vec<String>>) {
    // `Arc` counts its owners with atomics: it may cross threads.
    tokio::spawn(report(names));
}
// ANCHOR_END: all
