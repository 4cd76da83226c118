//! Exercise 05-4: the first answer, and no task left behind.
//!
//! A page is on several mirrors; ask them all at once and keep the first
//! answer. Each request is a task, so `tokio::spawn` wants what it owns:
//! a clone of its mirror and of `page`, not a borrow (trap 3). The trap here
//! is what happens to the slower requests. Dropping a `JoinHandle` does
//! *not* cancel its task, it only lets go of the result ("A `JoinHandle`
//! *detaches* the associated task when it is dropped", tokio 1.54.1);
//! stopping a task takes `abort()`, as an asyncio task takes `cancel()`.
//! Left alone, the slower requests run on, holding a connection and a
//! mirror's time, for an answer nobody will read.
//!
//! Write `fastest`: start one task per mirror, each calling
//! `Mirror::fetch(page)`, wait for the first to finish and return its
//! answer (`None` if there are no mirrors). By the time `fastest` has
//! returned, no request may be left running: abort each one
//! (`JoinHandle::abort`), or spawn them into a `tokio::task::JoinSet`,
//! which aborts whatever it still holds when it is dropped.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex4`.
//!
//! 练习 05-4：只要第一个回答，不留下任何任务。
//!
//! 一个页面放在几个镜像上；同时向它们全部发出请求，只留下第一个回答。每个
//! 请求是一个任务，所以 `tokio::spawn` 要的是任务自己拥有的东西：它的镜像和
//! `page` 的克隆，而不是借用（陷阱 3）。这里的陷阱在于较慢的那些请求会怎样。
//! 丢弃一个 `JoinHandle` 不会取消它的任务，只是放下了它的结果（“A `JoinHandle`
//! *detaches* the associated task when it is dropped”，即 `JoinHandle` 被丢弃时
//! 会与它关联的任务分离，tokio 1.54.1）；要停止一个任务得调用 `abort()`，就像
//! asyncio 的任务要调用 `cancel()`。放任不管的话，较慢的请求会继续运行，占着
//! 一个连接和镜像的时间，去换一个没人会读的回答。
//!
//! 写出 `fastest`：每个镜像生成一个任务，各自调用 `Mirror::fetch(page)`，等
//! 最先完成的那个，返回它的回答（没有镜像时返回 `None`）。到 `fastest` 返回
//! 的时候，不能还有请求在运行：逐个中止它们（`JoinHandle::abort`），或者把
//! 它们生成到一个 `tokio::task::JoinSet` 里，它被丢弃时会中止其中剩下的任务。
//!
//! 只编辑这个文件。用 `cargo test -p lesson05 ex4` 检查。

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::task::JoinSet;

/// A mirror of a site: answers every request after its own latency, and
/// counts what it is doing, so that a test can see it. Given.
#[derive(Debug, Clone)]
pub struct Mirror {
    name: String,
    latency: Duration,
    load: Arc<Load>,
}

#[derive(Debug, Default)]
struct Load {
    /// Requests started and neither finished nor cancelled.
    in_flight: AtomicUsize,
    /// Requests answered.
    served: AtomicUsize,
}

/// Counts one request in flight while it lives: a cancelled request is
/// dropped mid-way, and this drop is how the mirror notices.
struct Busy(Arc<Load>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Mirror {
    pub fn new(name: &str, latency: Duration) -> Mirror {
        Mirror {
            name: name.to_string(),
            latency,
            load: Arc::default(),
        }
    }

    /// Fetches `page`: `"<page> from <name>"`, after the mirror's latency.
    pub async fn fetch(&self, page: &str) -> String {
        self.load.in_flight.fetch_add(1, Ordering::SeqCst);
        let _busy = Busy(Arc::clone(&self.load));
        tokio::time::sleep(self.latency).await;
        self.load.served.fetch_add(1, Ordering::SeqCst);
        format!("{page} from {}", self.name)
    }

    /// Requests being worked on now.
    pub fn in_flight(&self) -> usize {
        self.load.in_flight.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn served(&self) -> usize {
        self.load.served.load(Ordering::SeqCst)
    }
}

/// Asks every mirror for `page` at once, each in its own task; returns the
/// first answer, with every other request stopped. `None` if `mirrors` is
/// empty.
pub async fn fastest(mirrors: &[Mirror], page: &str) -> Option<String> {
    // TODO: spawn one task per mirror (each owning its clones), take the
    // first answer, and leave no request running.
    // TODO: 每个镜像生成一个任务（各自拥有自己的克隆），取第一个回答，
    // 并且不让任何请求继续运行。
    todo!()
}
