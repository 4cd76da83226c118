//! Exercise 09-2: a future that wraps a future.
//!
//! `Counted::new(inner)` is a future that runs `inner` and finishes with
//! its output and the number of times it was polled, this last poll
//! included. Its `poll` must poll `inner`, which it can reach only through
//! `Pin<&mut Self>`: `pin_project!` (from pin-project-lite, the macro tokio
//! itself uses) writes the safe `project` method that turns it into a
//! `Pin<&mut F>` for the field marked `#[pin]` and a plain `&mut u32` for
//! the other. Pass the very `cx` you were given on to `inner`: its waker is
//! how the task is told to poll again.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex2`.
//!
//! 练习 09-2：包着另一个 future 的 future。
//!
//! `Counted::new(inner)` 是运行 `inner` 的 future，完成时返回 `inner` 的输出，
//! 以及它被轮询的次数（最后这次也算在内）。它的 `poll` 必须轮询 `inner`，
//! 而它只能通过 `Pin<&mut Self>` 访问 `inner`。`pin_project!`（来自
//! pin-project-lite，tokio 自己也用这个宏）写好了安全的 `project` 方法：
//! 标了 `#[pin]` 的字段变成 `Pin<&mut F>`，另一个字段变成普通的 `&mut u32`。
//! 把你拿到的那个 `cx` 原样传给 `inner`：任务靠其中的唤醒器得知要再次轮询。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex2` 检查。
#![forbid(unsafe_code)]

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pin_project_lite::pin_project! {
    /// `inner`, counting its polls: finishes with `(output, polls)`.
    #[derive(Debug)]
    pub struct Counted<F> {
        #[pin]
        inner: F,
        polls: u32,
    }
}

impl<F> Counted<F> {
    /// Wraps `inner`; nothing runs until the result is polled.
    pub fn new(inner: F) -> Self {
        Counted { inner, polls: 0 }
    }
}

impl<F: Future> Future for Counted<F> {
    type Output = (F::Output, u32);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // TODO: `self.project()` gives the fields; count this poll in
        // `polls`, then poll `inner` with `cx` and, once it is ready, give
        // back its output with the count.
        // TODO: `self.project()` 返回各个字段；在 `polls` 里记下这次轮询，
        // 然后用 `cx` 轮询 `inner`，它就绪后，把它的输出连同次数一起返回。
        todo!()
    }
}
