//! Exercise 03-1: all or nothing, in input order.
//!
//! A page needs every one of its parts (HTML, stylesheet, script...): if any
//! part fails, the page fails, and there is no point waiting for the rest.
//! Write `fetch_all`:
//! - start every fetch at once, so the whole takes as long as the slowest
//!   part, not the sum of them;
//! - give back the bodies in the order of `urls`, whatever order they
//!   finish in;
//! - at the first error, return it at once. The fetches still running are
//!   dropped, which cancels them: nobody waits for them.
//!
//! This is `tokio::try_join!` for a list whose length is known only at run
//! time; asyncio's nearest is `gather()`, which by default leaves the other
//! tasks running after the first error.
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex1`.
//!
//! 练习 03-1：全有或全无，按输入顺序。
//!
//! 一个页面需要它的每一个部分（HTML、样式表、脚本……）：任何一部分失败，
//! 整个页面就失败，其余的也就不必再等。写出 `fetch_all`：
//! - 同时开始每一次抓取，这样总耗时等于最慢的那一部分，而不是各部分之和；
//! - 按 `urls` 的顺序交回各个响应体，不管它们完成的先后；
//! - 遇到第一个错误就立刻返回它。仍在运行的抓取会被丢弃，也就是被取消：
//!   没有人再等它们。
//!
//! 这就是针对一个长度到运行时才知道的列表的 `tokio::try_join!`；asyncio
//! 里最接近的是 `gather()`，而它默认在第一个错误之后让其他任务继续运行。
//!
//! 只编辑这个文件。用 `cargo test -p lesson03 ex1` 检查。

use std::future::Future;

/// Fetches every URL with `fetch`, all at once; every body in `urls`'
/// order, or the first error.
pub async fn fetch_all<F, Fut, T, E>(urls: Vec<String>, fetch: F) -> Result<Vec<T>, E>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    // TODO: build one future per URL, then await them together, failing fast.
    // TODO: 为每个 URL 构造一个 future，然后一起 await 它们，一出错就失败。
    todo!()
}
