//! Beside trap 1: a zero sleep is not free.
//!
//! Trap 1's fix is to wait in a way that gives the thread back. But a wait
//! that goes through tokio's timer costs a timer tick, however short it is:
//! the timer works in whole milliseconds, and a sleep ends at a tick, so
//! `tokio::time::sleep(Duration::ZERO)` keeps its task away for up to a
//! millisecond even when nothing else wants the thread. asyncio's
//! `await asyncio.sleep(0)` is the idiom for "let the others run"; in tokio
//! that is `tokio::task::yield_now().await`, which puts the task at the back
//! of the run queue and never touches the timer.

use std::future::Future;
use std::time::{Duration, Instant};

/// How many waits in a row each way is timed: enough to average over many
/// ticks, few enough that the slow way takes a fraction of a second.
pub const WAITS: u32 = 200;

// ANCHOR: waits
/// Awaits `wait()` `times` times in a row and returns the real time that
/// took.
pub async fn time_waits<F: Future>(times: u32, mut wait: impl FnMut() -> F) -> Duration {
    let start = Instant::now();
    for _ in 0..times {
        wait().await;
    }
    start.elapsed()
}

/// The three ways to "wait for nothing" this part times.
pub fn zero_sleep() -> tokio::time::Sleep {
    tokio::time::sleep(Duration::ZERO) // the timer: ends at its next tick
}
pub fn tiny_sleep() -> tokio::time::Sleep {
    tokio::time::sleep(Duration::from_micros(1)) // the same: rounded up to a tick
}
pub async fn yield_once() {
    tokio::task::yield_now().await // the run queue only: back at the next turn
}
// ANCHOR_END: waits

/// Times [`WAITS`] waits each way, one task alone on a real current-thread
/// runtime, and prints the time per wait.
pub fn show() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("could not start a tokio runtime");
    let zero = runtime.block_on(time_waits(WAITS, zero_sleep));
    let tiny = runtime.block_on(time_waits(WAITS, tiny_sleep));
    let yields = runtime.block_on(time_waits(WAITS, yield_once));
    println!(
        "One task alone on a current-thread runtime waits {WAITS} times in a row; time per wait:"
    );
    for (how, took, note) in [
        (
            "tokio::time::sleep(Duration::ZERO)",
            zero,
            "  <- each waits for the timer's next tick",
        ),
        ("tokio::time::sleep(Duration::from_micros(1))", tiny, ""),
        ("tokio::task::yield_now()", yields, ""),
    ] {
        let micros = took.as_secs_f64() * 1e6 / f64::from(WAITS);
        println!("  {how:<46}{micros:>8.1} µs{note}");
    }
}
