//! Exercise 05-5: async code called back from a sync library.
//!
//! `legacy` is a sync function you cannot change (like
//! `bridge::legacy_total`): it totals a basket, calling a plain `FnMut`
//! callback for each price. The prices come from an async service,
//! `PriceClient::price`, which must be awaited. Two tempting answers fail:
//! - calling `legacy` right here, with a callback that blocks on
//!   `prices.price(item)` through `Handle::block_on`: this thread drives the
//!   runtime, so tokio panics with "Cannot start a runtime from within a
//!   runtime";
//! - any other way of blocking this thread until the price comes: on a
//!   current-thread runtime (as in the tests and the lesson's program) the
//!   service is a task on this very thread, so it never gets to answer.
//!
//! Write `total_price`: run `legacy` on a thread for blocking work
//! (`tokio::task::spawn_blocking`), and let its callback block on the async
//! service there, with a `Handle` to this runtime (`Handle::current()`,
//! taken before you leave it). Return `legacy`'s total.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex5`.
//!
//! 练习 05-5：被同步库回调的异步代码。
//!
//! `legacy` 是一个你无法修改的同步函数（就像 `bridge::legacy_total`）：它
//! 计算一篮子商品的总价，对每个价格都调用一个普通的 `FnMut` 回调。价格来自
//! 一个异步服务 `PriceClient::price`，必须 await 才能拿到。有两种看似可行
//! 的答案都会失败：
//! - 直接在这里调用 `legacy`，给它一个通过 `Handle::block_on` 阻塞等待
//!   `prices.price(item)` 的回调：这个线程正在驱动运行时，所以 tokio 会以
//!   "Cannot start a runtime from within a runtime" panic；
//! - 用任何别的办法阻塞这个线程直到价格到来：在单线程运行时上（测试和
//!   本课的程序用的都是它），服务是就在这个线程上的一个任务，所以它永远
//!   没有机会应答。
//!
//! 写出 `total_price`：在用于阻塞工作的线程上运行 `legacy`
//! （`tokio::task::spawn_blocking`），让它的回调在那里借助这个运行时的
//! `Handle`（`Handle::current()`，要在离开运行时之前取得）阻塞等待异步
//! 服务。返回 `legacy` 算出的总价。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex5` 检查。

use tokio::runtime::Handle;

use crate::bridge::PriceClient;

pub async fn total_price<L>(prices: PriceClient, items: Vec<u32>, legacy: L) -> u64
where
    L: FnOnce(&[u32], &mut dyn FnMut(u32) -> u64) -> u64 + Send + 'static,
{
    // TODO: spawn_blocking a closure that calls `legacy(&items, ...)` with
    // a callback that does `handle.block_on(prices.price(item))`.
    // TODO: 用 spawn_blocking 运行一个闭包，它调用 `legacy(&items, ...)`，
    // 回调里执行 `handle.block_on(prices.price(item))`。
    todo!()
}
