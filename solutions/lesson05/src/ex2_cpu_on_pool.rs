//! Exercise 05-2: CPU work on a pool, its answer back through a oneshot.
//!
//! A CPU-bound job run inside a task keeps its thread from every other task
//! until it ends (`cargo run -p lesson05 -- cores` measures it). The note's
//! answer (passage P2) was more processes; here it is a [`Pool`] of threads
//! that is not the runtime's. The job goes to the pool; its answer comes
//! back through a `tokio::sync::oneshot` channel, which the task awaits
//! without blocking: the runtime's thread runs other tasks meanwhile.
//!
//! Write `run_on_pool`: hand `job` to `pool.execute` (async: it waits while
//! the pool's queue is full), and await its answer.
//! If the job panics, the pool's thread survives (see `pool.rs`) but the
//! job's end of the channel is dropped without sending: return
//! `Err(JobPanicked)` then, rather than panicking or waiting for ever.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex2`.

use tokio::sync::oneshot;

use crate::pool::Pool;

/// The job panicked on the pool, so there is no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobPanicked;

pub async fn run_on_pool<T, F>(pool: &Pool, job: F) -> Result<T, JobPanicked>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // TODO: make a oneshot channel; give the pool a closure that runs `job`
    // and sends its answer; await the receiving end.
    let (tx, rx) = oneshot::channel();
    pool.execute(move || {
        // If the task that asked has gone, nobody wants the answer.
        let _ = tx.send(job());
    })
    .await;
    rx.await.map_err(|_| JobPanicked)
}
