// ANCHOR: all
use std::sync::{Arc, Mutex};

async fn save(_snapshot: u64) {}

async fn bump_and_save(counter: Arc<Mutex<u64>>) {
    let snapshot = {
        let mut n = counter.lock().unwrap();
        *n += 1;
        *n
    }; // the guard is dropped here, before the `.await`
    save(snapshot).await;
}

fn start(counter: Arc<Mutex<u64>>) {
    tokio::spawn(bump_and_save(counter)); // a task must be `Send`
}
// ANCHOR_END: all
