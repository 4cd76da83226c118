//! Exercise 06-1: a producer that waits for its consumer.
//!
//! A producer makes items faster than anyone can use them. Put a bounded
//! queue between them and the producer's `send` waits while the queue is
//! full: it runs only as fast as its consumer, and the queue never holds
//! more than `capacity` items. This is `asyncio.Queue(maxsize=capacity)`
//! and `await queue.put(item)`. An unbounded queue (or a bounded one far
//! larger than asked) lets the producer run ahead, and everything it makes
//! waits in memory.
//!
//! Write `start_producer`: make a queue holding at most `capacity` items,
//! spawn a task that calls `make(n)` for each `n` in `0..count` and sends
//! the item, in order, and return the queue's receiving end. When the
//! producer is done, the receiver must see the end (`recv` gives `None`).
//! Call `make` only just before sending its item: the tests count the
//! calls to see how far ahead of the consumer the producer has got.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex1`.
//!
//! 练习 06-1：会等待消费者的生产者。
//!
//! 生产者做出条目，比任何人用掉它们都快。在两者之间放一个有界队列，队列满时
//! 生产者的 `send` 就会等待：它只能跑得和消费者一样快，队列里的条目也永远
//! 不会超过 `capacity` 个。这就是 `asyncio.Queue(maxsize=capacity)` 加上
//! `await queue.put(item)`。无界队列（或者比要求大得多的有界队列）会让生产者
//! 跑到前面去，它做出的所有条目都在内存里等着。
//!
//! 写出 `start_producer`：创建最多容纳 `capacity` 个条目的队列，生成（spawn）
//! 一个任务，由它对 `0..count` 中的每个 `n` 按顺序调用 `make(n)` 并发送得到的
//! 条目，然后返回队列的接收端。生产者完成后，接收端必须能看到结束（`recv`
//! 返回 `None`）。只在发送某个条目之前的那一刻才调用 `make`：测试靠数调用
//! 次数，来看生产者跑到了消费者前面多远。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex1` 检查。

use tokio::sync::mpsc;

/// Starts a producer task that sends `make(0)`, `make(1)`, … `make(count -
/// 1)` through a queue of `capacity` (at least 1); returns the receiver.
pub fn start_producer<T, F>(count: u32, capacity: usize, mut make: F) -> mpsc::Receiver<T>
where
    T: Send + 'static,
    F: FnMut(u32) -> T + Send + 'static,
{
    // TODO: a bounded channel of `capacity`, a spawned task that makes and
    // sends each item (waiting while the queue is full), and the receiver.
    // TODO: 容量为 `capacity` 的有界通道；生成（spawn）一个任务，由它做出并
    // 发送每个条目（队列满时等待）；最后返回接收端。
    todo!()
}
