use std::sync::{Arc, Mutex};

use lesson03::send::count_slowly;

fn start(counter: Arc<Mutex<u64>>) {
    tokio::spawn(count_slowly(counter)); // error: the future is not `Send`
}
