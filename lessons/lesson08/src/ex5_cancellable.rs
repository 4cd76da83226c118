//! Exercise 08-5: a Rust future that stops when Python cancels it.
//!
//! `heartbeat(counter, every_ms)` beats for ever: it adds one to `counter`
//! every `every_ms` milliseconds, on a tokio task of its own (so the beat
//! goes on at its pace whatever the awaiting future does), and the
//! awaitable it returns waits for that task. When Python cancels the
//! awaitable (`task.cancel()`, a timeout), pyo3-async-runtimes drops the
//! Rust future, but a spawned task is not part of that future: dropping its
//! `JoinHandle` detaches it, and it beats on for as long as the process
//! lives. Make the beat stop when the future is dropped.
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex5`.
//!
//! 练习 08-5：Python 取消时会停下的 Rust future。
//!
//! `heartbeat(counter, every_ms)` 永远跳动：它每 `every_ms` 毫秒把
//! `counter` 加一，心跳在它自己的 tokio 任务上进行（这样不管等待它的
//! future 做什么，心跳都按自己的节奏继续），而它返回的可等待对象等待
//! 那个任务结束。Python 取消这个可等待对象时（`task.cancel()`，或者超时），
//! pyo3-async-runtimes 会丢弃 Rust future，但生成（spawn）的任务不属于
//! 那个 future：丢弃它的 `JoinHandle` 只会让它脱离（detach）出去，
//! 只要进程还在，它就一直跳下去。让心跳在 future 被丢弃时停下。
//!
//! 只编辑这个文件。用 `cargo test -p lesson08 ex5` 检查。

use pyo3::prelude::*;

use crate::cancel::{Counter, tick};

/// Beats `counter` every `every_ms` milliseconds until Python cancels it.
#[pyfunction]
pub fn heartbeat<'py>(
    py: Python<'py>,
    counter: &Bound<'py, Counter>,
    every_ms: u64,
) -> PyResult<Bound<'py, PyAny>> {
    // TODO: take the count (`counter.get().shared()`); inside
    // `future_into_py`, spawn `tick(count, u64::MAX, every_ms)` with
    // `tokio::spawn`; hold a guard whose `Drop` calls `abort()` on the
    // task (`abort_handle()`), so that dropping the future stops the beat;
    // then wait for the task and return `Ok(())`.
    // TODO: 取得计数（`counter.get().shared()`）；在 `future_into_py` 里，
    // 用 `tokio::spawn` 生成 `tick(count, u64::MAX, every_ms)`；持有一个
    // 守卫，它的 `Drop` 对这个任务调用 `abort()`（`abort_handle()`），
    // 这样丢弃 future 就会让心跳停下；然后等待这个任务，返回 `Ok(())`。
    todo!()
}
