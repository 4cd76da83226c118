//! `async with` → a value whose `Drop` cleans up; `Drop` cannot await, so
//! async cleanup is a method you call (`close().await`).

// ANCHOR: body
struct Connection {
    closed: bool,
}

impl Connection {
    async fn open() -> Connection {
        tokio::task::yield_now().await;
        println!("open");
        Connection { closed: false }
    }

    async fn close(mut self) {
        tokio::task::yield_now().await; // e.g. a goodbye message
        self.closed = true;
        println!("closed");
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if !self.closed {
            println!("dropped without close: cleanup without await only");
        }
    }
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let connection = Connection::open().await;
    println!("using it");
    connection.close().await;

    let _lost = Connection::open().await;
    println!("using it");
    // No close: an early return, a `?` or cancellation lands here.
}
// ANCHOR_END: body
