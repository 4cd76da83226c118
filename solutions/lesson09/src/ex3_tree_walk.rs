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
    let mut sum = read_size(node).await;
    for child in &node.children {
        sum += Box::pin(total(child)).await;
    }
    sum
}
