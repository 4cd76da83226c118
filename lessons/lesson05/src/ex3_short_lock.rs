//! Exercise 05-3: a `std::sync::Mutex` not held across `.await`.
//!
//! A page counter shared by many tasks sits in a `std::sync::Mutex`, which
//! is right for data locked briefly. Each hit adds one to the page's count
//! and then reports the new count on a channel. Sending may have to wait
//! (the channel is bounded), so it is an `.await`, and the guard must be
//! gone by then: a task suspended while holding a `std::sync::MutexGuard`
//! keeps every other task from the counter, and on a current-thread runtime
//! the next `lock()` blocks the only thread for good. (Given to
//! `tokio::spawn`, on any runtime, the compiler refuses it outright, since
//! a spawned task must be `Send`; it compiles where nothing spawns the
//! future, as in the tests here, or under `spawn_local`: see `locks.rs`.)
//!
//! Write `hit`: add one to `counts[page]` (a missing page counts from 0),
//! then send `(page, new count)` on `reports`. If the receiver is gone,
//! drop the report quietly.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex3`.
//!
//! 练习 05-3：不跨越 `.await` 持有的 `std::sync::Mutex`。
//!
//! 一个由许多任务共享的页面计数器放在 `std::sync::Mutex` 里，对于只短暂
//! 加锁的数据，这是对的选择。每次访问都给页面的计数加一，然后在一个通道
//! 上报告新的计数。发送可能要等待（通道是有界的），所以它是一次 `.await`，
//! 而到那时守卫必须已经不在了：一个持有 `std::sync::MutexGuard` 时被挂起的
//! 任务，会把其他所有任务都挡在计数器之外；在单线程运行时上，下一次
//! `lock()` 会永远阻塞唯一的线程。（交给 `tokio::spawn` 时，无论哪种运行
//! 时，编译器都会直接拒绝，因为生成（spawn）的任务必须是 `Send`；在没有人生成这个
//! future 的地方（比如这里的测试），或者用 `spawn_local` 时，它能编译通过：
//! 见 `locks.rs`。）
//!
//! 写出 `hit`：给 `counts[page]` 加一（不存在的页面从 0 开始算），然后在
//! `reports` 上发送 `（page, 新计数）`。如果接收方已经不在了，就悄悄丢掉
//! 这份报告。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex3` 检查。

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::mpsc;

pub async fn hit(
    counts: &Mutex<HashMap<String, u64>>,
    page: &str,
    reports: &mpsc::Sender<(String, u64)>,
) {
    // TODO: update the count while the lock is held, let the guard go,
    // then send the report.
    // TODO: 持有锁时更新计数，放开守卫，
    // 然后再发送报告。
    todo!()
}
