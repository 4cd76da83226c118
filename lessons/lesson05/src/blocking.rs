//! Trap 1: blocking the executor.
//!
//! A task gives its thread back only at an `.await` that is pending. Code
//! that blocks (`std::thread::sleep`, a blocking read, a lock held by
//! someone slow) or computes for long without an `.await` keeps the thread.
//! On a current-thread runtime every other task waits; on a multi-thread
//! runtime the others can be stolen by other workers, all but the task in
//! the blocked worker's LIFO slot. asyncio has the same rule as the first:
//! `time.sleep` in a coroutine stops the event loop, `await asyncio.sleep`
//! does not.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration;

/// How often the heartbeat task wants to run.
pub const HEARTBEAT: Duration = Duration::from_millis(10);

// ANCHOR: heartbeats
/// Runs `work` next to a heartbeat task that beats every [`HEARTBEAT`], and
/// counts the beats that happened while `work` ran.
pub async fn heartbeats_while<F: Future>(work: F) -> (F::Output, u32) {
    let beats = Arc::new(AtomicU32::new(0));
    let heart = tokio::spawn({
        let beats = Arc::clone(&beats);
        async move {
            loop {
                tokio::time::sleep(HEARTBEAT).await;
                beats.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    tokio::task::yield_now().await; // let the heartbeat start
    let before = beats.load(Ordering::Relaxed);
    let output = work.await;
    let during = beats.load(Ordering::Relaxed) - before;
    heart.abort();
    (output, during)
}
// ANCHOR_END: heartbeats

// ANCHOR: waits
/// The trap: `std::thread::sleep` blocks the whole thread, so no other
/// task on it runs until it returns.
pub async fn wait_blocking(how_long: Duration) {
    std::thread::sleep(how_long);
}

/// The fix: `tokio::time::sleep` suspends only this task; the thread runs
/// the others meanwhile.
pub async fn wait_async(how_long: Duration) {
    tokio::time::sleep(how_long).await;
}
// ANCHOR_END: waits

// ANCHOR: spin
/// A long computation with no `.await`: another task on the same thread
/// cannot run until it is over. Returns whether `other_ran` was set while
/// it computed.
pub async fn compute_hogging(other_ran: &AtomicBool, steps: u32) -> bool {
    let mut x = 0u64;
    for i in 0..steps {
        x = std::hint::black_box(x.wrapping_add(u64::from(i)));
    }
    other_ran.load(Ordering::Relaxed)
}

/// The same computation cut into slices, giving the thread back between
/// them with `yield_now`: now the other task gets a turn. (Handing the
/// whole job to another thread, as `cores` does, is the better fix for
/// long jobs; yielding suits a loop that is only sometimes long.)
pub async fn compute_yielding(other_ran: &AtomicBool, steps: u32) -> bool {
    let mut x = 0u64;
    for i in 0..steps {
        x = std::hint::black_box(x.wrapping_add(u64::from(i)));
        if i % 1000 == 999 {
            tokio::task::yield_now().await;
        }
    }
    other_ran.load(Ordering::Relaxed)
}
// ANCHOR_END: spin

/// Shows the two waits on a real current-thread runtime and prints the
/// heartbeats each one let through.
pub fn show() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("could not start a tokio runtime");
    let wait = Duration::from_millis(200);
    println!(
        "A heartbeat task wants to beat every {} ms while another task waits {} ms:",
        HEARTBEAT.as_millis(),
        wait.as_millis()
    );
    let ((), blocked) = runtime.block_on(heartbeats_while(wait_blocking(wait)));
    let ((), free) = runtime.block_on(heartbeats_while(wait_async(wait)));
    println!(
        "  std::thread::sleep(..)        heartbeats meanwhile: {blocked:>3}  <- the thread was blocked"
    );
    println!("  tokio::time::sleep(..).await  heartbeats meanwhile: {free:>3}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On one thread, a computation with no `.await` keeps the other task
    /// out; the same computation that yields lets it in.
    #[tokio::test(flavor = "current_thread")]
    async fn a_long_computation_starves_its_neighbours_unless_it_yields() {
        for yields in [false, true] {
            let other_ran = Arc::new(AtomicBool::new(false));
            let other = tokio::spawn({
                let other_ran = Arc::clone(&other_ran);
                async move { other_ran.store(true, Ordering::Relaxed) }
            });
            let saw_other = if yields {
                compute_yielding(&other_ran, 100_000).await
            } else {
                compute_hogging(&other_ran, 100_000).await
            };
            assert_eq!(saw_other, yields, "yields: {yields}");
            other.await.unwrap();
        }
    }

    /// On the paused clock, an async wait of 100 ms lets ten 10 ms beats
    /// through (the tenth is due at the same instant as the wait's end).
    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn an_async_wait_lets_the_heartbeat_run() {
        let ((), beats) = heartbeats_while(wait_async(10 * HEARTBEAT)).await;
        assert!((9..=10).contains(&beats), "{beats} beats");
    }
}
