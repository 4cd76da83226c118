//! Exercise 06-2: fan-in that ends.
//!
//! Several workers report into one queue, and one loop reads it. In Python
//! the loop needs to be told when to stop: a sentinel per worker, or
//! `Queue.shutdown()` (3.13). In Rust the queue closes by itself when its
//! last sender is dropped: give each worker a clone of the sender, and
//! `recv` gives `None` once every worker has finished. The trap: the
//! sender you cloned from is a sender too. Kept alive in this function, it
//! keeps the queue open, and the loop waits for ever for a message nobody
//! will send.
//!
//! Write `gather`: run every worker at once, each in its own task with a
//! clone of one queue's sender (`Worker::run(self, tx)` sends its reports
//! and returns), collect every report in the order it arrives, and return
//! them when the queue has closed.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex2`.
//!
//! 练习 06-2：会结束的扇入。
//!
//! 几个工作者向同一个队列报告，由一个循环读取。在 Python 中，得有人告诉
//! 这个循环何时停下：每个工作者一个哨兵值，或者 `Queue.shutdown()`（3.13）。
//! 在 Rust 中，队列在最后一个发送端被丢弃时会自己关闭：给每个工作者一个
//! 发送端的克隆，所有工作者都完成后，`recv` 就返回 `None`。陷阱在于：被
//! 克隆的那个发送端本身也是发送端。它只要在这个函数里活着，队列就一直
//! 开着，循环就会永远等待一条没人会发送的消息。
//!
//! 写出 `gather`：同时运行所有工作者，每个都在自己的任务里，各带同一个队列
//! 发送端的一个克隆（`Worker::run(self, tx)` 发送它的报告后返回）；按到达的
//! 顺序收集每份报告，等队列关闭时返回它们。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex2` 检查。

use std::time::Duration;

use tokio::sync::mpsc;

/// A worker that sends a report after each of its delays. Given. Its
/// fields are private: `gather` cannot know how many reports will come,
/// only that the queue closes when the last worker is done.
#[derive(Debug, Clone)]
pub struct Worker {
    name: String,
    delays: Vec<Duration>,
}

impl Worker {
    /// A worker called `name` that reports after each of `delays`.
    pub fn new(name: &str, delays: Vec<Duration>) -> Worker {
        Worker {
            name: name.to_string(),
            delays,
        }
    }

    /// Sends `"<name> <k>"` after the k-th delay (counting from 1), then
    /// returns, dropping `tx`.
    pub async fn run(self, tx: mpsc::Sender<String>) {
        for (k, delay) in self.delays.iter().enumerate() {
            tokio::time::sleep(*delay).await;
            if tx.send(format!("{} {}", self.name, k + 1)).await.is_err() {
                return;
            }
        }
    }
}

/// Runs every worker at once; every report, in the order they arrived.
pub async fn gather(workers: Vec<Worker>) -> Vec<String> {
    // TODO: one queue; spawn each worker with its own clone of the sender;
    // read until the queue closes, which it does only when no sender is
    // left anywhere.
    // TODO: 建一个队列；生成（spawn）每个工作者，各带一个发送端克隆；
    // 一直读到队列关闭为止，而只有当任何地方都不再有发送端时，队列
    // 才会关闭。
    todo!()
}
