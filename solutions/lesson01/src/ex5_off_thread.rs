//! Exercise 01-5: CPU-bound work off the runtime's thread.
//!
//! The note (passage P2) says coroutines all share one thread, so a
//! CPU-bound job stops every other coroutine until it is done. (Run
//! `cargo run -p lesson01 -- stall` to watch a ticker stop.) The same holds
//! for a task on tokio's current-thread runtime. The note's answer is more
//! processes; tokio's is more threads, kept apart from the runtime's own.
//!
//! Write `run_blocking`: run `job`, a plain closure that may compute or
//! block for a long time, on some other thread, so that the runtime's
//! other tasks keep running meanwhile, and give back its result. Use
//! `tokio::task::spawn_blocking`. If the job panics, panicking here too is
//! fine.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex5`.

pub async fn run_blocking<T, F>(job: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // TODO: run `job` on a thread for blocking work and await its result.
    tokio::task::spawn_blocking(job)
        .await
        .expect("the blocking job panicked")
}
