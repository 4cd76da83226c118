// ANCHOR: all
use std::sync::{Arc, Mutex};

async fn save(_snapshot: u64) {}

async fn bump_and_save(counter: Arc<Mutex<u64>>) {
    let mut n = counter.lock().unwrap();
    *n += 1;
    save(*n).await; // `n`, the guard, is still alive here
}

fn start(counter: Arc<Mutex<u64>>) {
    tokio::spawn(bump_and_save(counter)); // a task must be `Send`
}
// ANCHOR_END: all
