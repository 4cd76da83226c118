//! Exercise 03-4: bounded concurrency.
//!
//! Starting every download at once is fine for three URLs and rude for ten
//! thousand: the server, the network and your file descriptors all have
//! limits. Write `fetch_bounded`, which keeps at most `limit` fetches
//! running at any moment, starts the next as soon as one finishes, and
//! gives back `(index in urls, output)` pairs in the order the fetches
//! *finish*, so a caller can show each result as soon as it exists.
//!
//! `futures::stream::iter` turns the list into a stream, `.map` turns each
//! URL into a future (not yet running), and `.buffer_unordered(n)` runs up
//! to `n` of them at once, yielding outputs as they finish. A `limit` of 0
//! means 1: `buffer_unordered(0)` would never start anything.
//!
//! Python does this with an `asyncio.Semaphore` around each fetch.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex4`.
//!
//! 练习 03-4：有上限的并发。
//!
//! 同时开始所有下载，对三个 URL 没问题，对一万个就太不礼貌了：服务器、
//! 网络和你的文件描述符都有上限。写出 `fetch_bounded`：任何时刻最多只有
//! `limit` 个抓取在运行，一个完成就立刻开始下一个，并按各次抓取完成的先后（不是输入的顺序）
//! 交回 `（在 urls 中的序号, 输出）` 对，这样调用者每有一个结果就能马上显示。
//!
//! `futures::stream::iter` 把列表变成一个流，`.map` 把每个 URL 变成一个
//! future（还没开始运行），`.buffer_unordered(n)` 同时最多运行其中 `n` 个，
//! 每完成一个就产出它的输出。`limit` 为 0 时按 1 处理：`buffer_unordered(0)` 永远
//! 不会开始任何东西。
//!
//! Python 的做法是让每次抓取先获取同一个 `asyncio.Semaphore`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson03 ex4` 检查。

use std::future::Future;

use futures::stream::{self, StreamExt};

/// Fetches every URL, at most `limit` at a time; `(index, output)` pairs in
/// finishing order.
pub async fn fetch_bounded<F, Fut, T>(urls: Vec<String>, limit: usize, fetch: F) -> Vec<(usize, T)>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = T>,
{
    // TODO: a stream of (index, future) pairs, through buffer_unordered(limit).
    // TODO: 一个由 (序号, future) 对组成的流，经过 buffer_unordered(limit)。
    todo!()
}
