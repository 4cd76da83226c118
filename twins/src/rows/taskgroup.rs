//! `asyncio.TaskGroup` (3.11) → `tokio::task::JoinSet`: when one fails,
//! `shutdown` cancels the rest, and dropping the set aborts them too.

// ANCHOR: body
use std::time::Duration;

use tokio::task::JoinSet;

/// Says so if its task is dropped (cancelled) before it finishes.
struct Watch {
    n: u64,
    finished: bool,
}

impl Drop for Watch {
    fn drop(&mut self) {
        if !self.finished {
            println!("job {} cancelled", self.n);
        }
    }
}

async fn job(n: u64) -> Result<(), String> {
    let mut watch = Watch { n, finished: false };
    tokio::time::sleep(Duration::from_millis([10, 100, 10_000][n as usize - 1])).await;
    watch.finished = true;
    if n == 2 {
        return Err(format!("job {n} failed"));
    }
    println!("job {n} done");
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let mut group = JoinSet::new();
    for n in 1..=3 {
        group.spawn(job(n));
    }
    while let Some(joined) = group.join_next().await {
        if let Err(error) = joined.expect("no job panicked") {
            group.shutdown().await; // abort the others and wait for them
            println!("group failed: {error}");
        }
    }
}
// ANCHOR_END: body
