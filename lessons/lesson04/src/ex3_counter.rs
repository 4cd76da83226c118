//! Exercise 04-3: shared state, a visit counter.
//!
//! Every connection is served by a task of its own (`axum::serve` spawns
//! one per connection), maybe on another thread, so anything the handlers
//! share lives behind an `Arc` and changes safely from many tasks at once:
//! here an atomic counter. axum hands it to
//! each handler through the `State` extractor: build the router with
//! `.with_state(visits)`, and a handler that takes `State(visits):
//! State<Arc<Visits>>` gets a clone of that `Arc`.
//!
//! Write `router`, using the `Visits` it is given (not a new one):
//! - `GET /visit` counts one more visit and answers `you are visitor number N`,
//!   where N counts this visit (the first visitor is number 1);
//! - `GET /visits` answers `N visits so far` without counting.
//!
//! `Visits::record` and `Visits::count` are written for you.
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex3`.
//!
//! 练习 04-3：共享状态，一个访问计数器。
//!
//! 每个连接都由一个独立的任务来服务（`axum::serve` 为每个连接生成一个任务），
//! 可能在另一个线程上，所以处理函数之间共享的任何东西都放在 `Arc` 后面，
//! 并且能安全地被许多任务同时修改：这里是一个原子计数器。axum 通过 `State` 提取器把它交给每个
//! 处理函数：用 `.with_state(visits)` 构建路由，接收 `State(visits):
//! State<Arc<Visits>>` 的处理函数就会得到这个 `Arc` 的一个克隆。
//!
//! 写出 `router`，使用传给它的那个 `Visits`（不要新建一个）：
//! - `GET /visit` 多记一次访问，回应 `you are visitor number N`，其中 N 把
//!   这次访问也算在内（第一位访问者是 1 号）；
//! - `GET /visits` 回应 `N visits so far`，不计数。
//!
//! `Visits::record` 和 `Visits::count` 已经替你写好了。
//!
//! 只编辑这个文件。用 `cargo test -p lesson04 ex3` 检查。

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::get;

/// The number of visits, shared by every request. Given; do not change it.
#[derive(Debug, Default)]
pub struct Visits {
    count: AtomicU64,
}

impl Visits {
    /// Counts one visit and returns its number (1 for the first).
    pub fn record(&self) -> u64 {
        self.count.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// The visits counted so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

pub fn router(visits: Arc<Visits>) -> Router {
    // TODO: two routes whose handlers take `State<Arc<Visits>>`; `.with_state(visits)`.
    // TODO: 两个路由，处理函数都接收 `State<Arc<Visits>>`；再加上 `.with_state(visits)`。
    todo!()
}
