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
//!
//! 练习 05-2：在线程池上做 CPU 工作，结果经 oneshot 传回。
//!
//! 在任务里运行的 CPU 密集型工作，在结束之前会让它所在的线程对其他所有
//! 任务都不可用（`cargo run -p lesson05 -- cores` 测量了这一点）。笔记的
//! 对策（P2 段）是多开进程；这里的对策是一个不属于运行时的线程池 [`Pool`]。
//! 工作交给线程池；它的答案通过一个 `tokio::sync::oneshot` 通道传回，任务
//! await 这个通道，而不会阻塞：在此期间，运行时的线程会去运行其他任务。
//!
//! 写出 `run_on_pool`：把 `job` 交给 `pool.execute`（它是异步的：线程池的
//! 队列满了时，它会等待），然后 await 它的答案。
//! 如果这个工作 panic 了，线程池的线程会活下来（见 `pool.rs`），但工作那
//! 一端的通道会被丢弃而没有发送任何东西：这时要返回 `Err(JobPanicked)`，
//! 而不是 panic 或永远等下去。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex2` 检查。

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
    // TODO: 创建一个 oneshot 通道；交给线程池一个闭包，它运行 `job`
    // 并发送答案；然后 await 接收端。
    todo!()
}
