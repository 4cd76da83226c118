use std::sync::{Arc, Mutex};

use lesson03::send::count_then_wait;

fn start(counter: Arc<Mutex<u64>>) {
    tokio::spawn(count_then_wait(counter)); // fine
}
