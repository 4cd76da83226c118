//! `asyncio.run(main())` → a runtime's `block_on`, which `#[tokio::main]`
//! writes for you.

// ANCHOR: body
use std::time::Duration;

struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("leftover task cleaned up");
    }
}

async fn forever() {
    let _cleanup = Cleanup;
    tokio::time::sleep(Duration::from_secs(3600)).await;
}

async fn async_main() -> u32 {
    tokio::spawn(forever());
    tokio::task::yield_now().await;
    println!("main returns");
    42
}

pub fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let answer = runtime.block_on(async_main());
    // Dropping the runtime drops every task still in it: their `Drop`s run.
    drop(runtime);
    println!("result: {answer}");
}
// ANCHOR_END: body
