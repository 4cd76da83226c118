//! Exercise 02-5: which threads ran the tasks.
//!
//! `hello.py` prints `threading.currentThread()` in every coroutine, and
//! every line names the same thread: asyncio's loop is one thread. A Rust
//! runtime may be one thread (tokio's current-thread runtime) or several
//! (the multi-thread runtime's workers). Find out which, from the inside.
//!
//! Write `threads_used(n)`: spawn `n` tokio tasks, all of them before you
//! await any (so that they run at once, as `hello`'s do); each task looks
//! up the thread it is running on (`std::thread::current().id()`) and
//! returns it. Then await them all and count how many tasks each thread
//! ran.
//!
//! The lookup must happen inside each task: the code that spawns them runs
//! on the thread that called `block_on`, which on the multi-thread runtime
//! is not a worker and never runs a spawned task.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex5`.
//!
//! 练习 02-5：是哪些线程运行了这些任务。
//!
//! `hello.py` 在每个协程里打印 `threading.currentThread()`，每一行都是同一个
//! 线程：asyncio 的事件循环就是一个线程。Rust 的运行时可能是一个线程（tokio
//! 的单线程运行时），也可能是多个线程（多线程运行时的工作线程）。从内部
//! 把它查出来。
//!
//! 写出 `threads_used(n)`：生成 `n` 个 tokio 任务，全部生成之后才开始
//! 等待其中任何一个（这样它们才会同时运行，就像 `hello` 的任务那样）；
//! 每个任务查出自己正在运行的线程（`std::thread::current().id()`）并
//! 返回它。然后等待所有任务完成，数一数每个线程运行了多少个任务。
//!
//! 查询必须在每个任务内部进行：生成任务的那段代码运行在调用 `block_on` 的
//! 线程上，而在多线程运行时上，这个线程不是工作线程，从不运行生成的任务。
//!
//! 只编辑这个文件。用 `cargo test -p lesson02 ex5` 检查。

use std::collections::HashMap;
use std::thread::ThreadId;

/// How many of `n` spawned tasks ran on each thread.
pub async fn threads_used(n: usize) -> HashMap<ThreadId, usize> {
    // TODO: spawn n tasks that each return the id of the thread they run
    // on; await them all and count the tasks per thread.
    // TODO: 生成 n 个任务，每个返回自己所在线程的 id；
    // 等待它们全部完成，再按线程统计任务数。
    todo!()
}
