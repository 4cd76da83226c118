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
//!
//! 练习 01-5：让 CPU 密集型工作离开运行时的线程。
//!
//! 笔记（P2 段）说，协程全都共用一个线程，所以一个 CPU 密集型的工作会让
//! 其他所有协程停下来，直到它做完。（运行 `cargo run -p lesson01 -- stall`
//! 可以看到计时器停住。）tokio 单线程运行时（current-thread）上的任务也是
//! 如此。笔记的对策是多开进程；tokio 的对策是多开线程，并且与运行时自己的
//! 线程分开。
//!
//! 写出 `run_blocking`：在另外某个线程上运行 `job`（一个可能长时间计算或
//! 阻塞的普通闭包），让运行时的其他任务在此期间照常运行，然后交回它的结果。
//! 使用 `tokio::task::spawn_blocking`。如果 job panic 了，这里也跟着 panic
//! 就可以。
//!
//! 只编辑这个文件。用 `cargo test -p lesson01 ex5` 检查。

pub async fn run_blocking<T, F>(job: F) -> T
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    // TODO: run `job` on a thread for blocking work and await its result.
    // TODO: 在用于阻塞工作的线程上运行 `job`，并 await 它的结果。
    todo!()
}
