//! Exercise 01-4: a task per job instead of a thread per job.
//!
//! `fetch_all_with_threads` below downloads pages the thread-per-job way:
//! every page gets an OS thread, which sits blocked for the whole download.
//! It works, but each thread costs a stack and a trip through the OS
//! scheduler (run `cargo run -p lesson01 -- cost` to see how much).
//!
//! Write `fetch_all`, the same job with one tokio task per page:
//! - start a task for every id with `tokio::spawn(fetch_one(id))` before
//!   waiting for any of them, so all downloads wait at the same time;
//! - then await the `JoinHandle`s in order, so the pages come back in the
//!   order of `ids`.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex4`.
//!
//! 练习 01-4：每个工作一个任务，而不是一个线程。
//!
//! 下面的 `fetch_all_with_threads` 用“每个工作一个线程”的方式下载页面：
//! 每个页面占一个操作系统线程，整个下载期间这个线程都阻塞着。这样能用，
//! 但每个线程都要一个栈，还要经过一趟操作系统的调度器（运行
//! `cargo run -p lesson01 -- cost` 看看代价有多大）。
//!
//! 写出 `fetch_all`：同样的工作，改成每个页面一个 tokio 任务：
//! - 先用 `tokio::spawn(fetch_one(id))` 为每个 id 启动一个任务，再去等待
//!   其中任何一个，这样所有下载是同时在等待的；
//! - 然后按顺序 await 这些 `JoinHandle`，这样页面就按 `ids` 的顺序返回。
//!
//! 只编辑这个文件。用 `cargo test -p lesson01 ex4` 检查。

use std::thread;
use std::time::Duration;

/// How long one pretend download takes.
pub const LATENCY: Duration = Duration::from_millis(100);

/// Pretends to download page `id`: waits as a network would, then returns
/// its text. Given; do not change it.
pub async fn fetch_one(id: u32) -> String {
    tokio::time::sleep(LATENCY).await;
    format!("page {id}")
}

/// The thread-per-job version, for comparison. Given; it works.
pub fn fetch_all_with_threads(ids: Vec<u32>) -> Vec<String> {
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| {
            thread::spawn(move || {
                thread::sleep(LATENCY);
                format!("page {id}")
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("fetch thread panicked"))
        .collect()
}

pub async fn fetch_all(ids: Vec<u32>) -> Vec<String> {
    // TODO: spawn a task per id, then await them in order.
    // TODO: 为每个 id 生成一个任务，然后按顺序 await 它们。
    todo!()
}
