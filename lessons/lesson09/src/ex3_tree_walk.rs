//! Exercise 09-3: a recursive async function.
//!
//! `total(node)` adds up the sizes of `node` and of everything below it,
//! however deep, reading each size with `read_size` (which waits, as a
//! read from disk would). An `async fn` that awaits itself would be a
//! future that contains itself, a type of infinite size, and rustc refuses
//! it (error E0733). Boxing the inner call with `Box::pin` puts each level's
//! future on the heap, so every future has a size known in advance.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex3`.
//!
//! 练习 09-3：递归的 async 函数。
//!
//! `total(node)` 把 `node` 以及它下面所有节点（不管多深）的大小加起来，
//! 每个大小都用 `read_size` 读取（它会等待，就像从磁盘读取那样）。
//! await 自己的 `async fn` 会成为包含自己的 future，也就是大小无穷的类型，
//! rustc 会拒绝它（错误 E0733）。用 `Box::pin` 把内层调用装箱，每层的
//! future 就放到了堆上，于是每个 future 的大小都能事先确定。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex3` 检查。
#![forbid(unsafe_code)]

use std::time::Duration;

/// A folder or a file: its own size in bytes and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub size: u64,
    pub children: Vec<Node>,
}

/// `node`'s own size in bytes, a millisecond later on tokio's clock.
pub async fn read_size(node: &Node) -> u64 {
    tokio::time::sleep(Duration::from_millis(1)).await;
    node.size
}

/// The sizes of `node` and of every node below it, in bytes.
pub async fn total(node: &Node) -> u64 {
    // TODO: start from `read_size(node)`, then add the `total` of each
    // child, calling `total` itself through `Box::pin`.
    // TODO: 从 `read_size(node)` 开始，再加上每个子节点的 `total`，
    // 通过 `Box::pin` 调用 `total` 自己。
    todo!()
}
