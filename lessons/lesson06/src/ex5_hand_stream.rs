//! Exercise 06-5: a stream written by hand.
//!
//! A `Stream` is polled like a future but gives many values: its `poll_next` returns
//! `Poll::Ready(Some(item))` for each one, `Poll::Ready(None)` at the end,
//! and `Poll::Pending` when the next is not ready yet, having arranged to be
//! woken when it is. `Ticks` gives 1, 2, … `last`, one every `every`: the
//! twin of an async generator that sleeps and yields in a loop. It owns one
//! timer (`tokio::time::Sleep`), pinned in a box so that it can be polled.
//!
//! Write `poll_next`: at the end, `Ready(None)`. Otherwise poll the timer;
//! while it is pending, return `Pending` (the timer has registered the
//! waker, so you will be polled again when it fires). When it fires, move
//! its deadline on by `every` (`Sleep::reset`, from its old deadline, so
//! the ticks do not drift) and give the next number.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex5`.
//!
//! 练习 06-5：手写的流。
//!
//! `Stream` 像 future 一样被轮询，但会产出多个值：它的 `poll_next` 对每个值返回
//! `Poll::Ready(Some(item))`，结束时返回 `Poll::Ready(None)`，下一个值还没
//! 就绪时返回 `Poll::Pending`，并且事先安排好在它就绪时被唤醒。`Ticks` 依次
//! 产出 1、2、… `last`，每隔 `every` 产出一个：它对照的是在循环里先睡眠、
//! 再产出值的异步生成器。它拥有一个定时器（`tokio::time::Sleep`），固定在
//! Box 里，以便能被轮询。
//!
//! 写出 `poll_next`：到了结束时返回 `Ready(None)`。否则轮询定时器；定时器
//! 尚未触发时返回 `Pending`（定时器已经登记了唤醒器，所以它触发时你会再次
//! 被轮询）。定时器触发时，把它的截止时间往后推 `every`（用 `Sleep::reset`，
//! 从原来的截止时间算起，这样各次触发的时刻不会漂移），然后产出下一个数字。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex5` 检查。

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::Stream;
use tokio::time::Sleep;

/// 1, 2, … `last`, the k-th one `k * every` after `Ticks::new`.
#[derive(Debug)]
pub struct Ticks {
    next: u32,
    last: u32,
    every: Duration,
    timer: Pin<Box<Sleep>>,
}

impl Ticks {
    /// Given.
    pub fn new(last: u32, every: Duration) -> Ticks {
        Ticks {
            next: 1,
            last,
            every,
            timer: Box::pin(tokio::time::sleep(every)),
        }
    }
}

impl Stream for Ticks {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        // TODO: Ready(None) after `last`; Pending while the timer is
        // pending; when it fires, reset it `every` later and give the next
        // number.
        // TODO: 过了 `last` 就返回 Ready(None)；定时器尚未触发时返回
        // Pending；它触发时，把它重设到 `every` 之后，并产出下一个
        // 数字。
        todo!()
    }
}
