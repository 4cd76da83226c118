//! Exercise 02-3: `join_all`, which keeps the order.
//!
//! The seed waits for its coroutines with `asyncio.wait(tasks)`; today one
//! writes `await asyncio.gather(*coros)`, which runs them all at once and
//! returns their results in the order they were given, whatever order they
//! finished in. Here you write that combinator as a future, by hand.
//!
//! `JoinAll` holds one slot per future. Each time it is polled it polls
//! every future that is still running (all of them, not only the first: a
//! future only makes progress when polled, and the waker in `cx` is what
//! each of them will call). A future that answers `Ready(output)` has its
//! slot turned into `Done(output)` and is never polled again. When no slot
//! is running any more, take the outputs out, in slot order, and answer
//! `Ready(outputs)`; until then answer `Pending`.
//!
//! No spawning: everything runs inside the one task that awaits `JoinAll`.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex3`.
//!
//! 练习 02-3：保持顺序的 `join_all`。
//!
//! 原版用 `asyncio.wait(tasks)` 等待它的协程；今天的写法是
//! `await asyncio.gather(*coros)`：同时运行它们，并按给定的顺序返回结果，
//! 不管它们完成的先后。这里你要手写这个组合器，把它写成一个 future。
//!
//! `JoinAll` 为每个 future 准备一个槽位。它每次被轮询时，都要轮询每个仍在
//! 运行的 future（全部都要，不能只轮询第一个：future 只有被轮询时才会前进，
//! 而 `cx` 里的唤醒器正是它们每一个将来要调用的）。返回 `Ready(output)` 的
//! future，它的槽位就变成 `Done(output)`，之后再也不轮询它。当不再有运行中
//! 的槽位时，按槽位顺序取出输出，返回 `Ready(outputs)`；在此之前返回 `Pending`。
//!
//! 不生成任务：一切都在 await `JoinAll` 的那一个任务里运行。
//!
//! 只编辑这个文件。用 `cargo test -p lesson02 ex3` 检查。

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One future's place in `JoinAll`.
pub enum Slot<F: Future> {
    /// Still running. Boxed, so it stays put in memory while `JoinAll` moves.
    Running(Pin<Box<F>>),
    /// Finished, with its output.
    Done(F::Output),
    /// Its output has been handed back.
    Taken,
}

/// Waits for every future, and gives their outputs in the order given.
pub struct JoinAll<F: Future> {
    slots: Vec<Slot<F>>,
}

/// Every future in `futures`, run at once; their outputs in the same order.
pub fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> JoinAll<F> {
    JoinAll {
        slots: futures
            .into_iter()
            .map(|f| Slot::Running(Box::pin(f)))
            .collect(),
    }
}

// The running futures are boxed, so nothing in `JoinAll` needs pinning and
// `poll` may use `self.get_mut()`.
impl<F: Future> Unpin for JoinAll<F> {}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        let slots = &mut self.get_mut().slots;
        // TODO: poll every running slot, turning it into Done(output) when
        // it is ready; answer Pending while any is still running; then take
        // the outputs out in slot order and answer Ready(outputs).
        // TODO: 轮询每个运行中的槽位，就绪的变成 Done(output)；只要还有
        // 在运行的就返回 Pending；然后按槽位顺序取出输出，
        // 返回 Ready(outputs)。
        todo!()
    }
}

impl<F: Future> fmt::Debug for JoinAll<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let running = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Running(_)))
            .count();
        f.debug_struct("JoinAll")
            .field("futures", &self.slots.len())
            .field("running", &running)
            .finish()
    }
}

impl<F: Future> fmt::Debug for Slot<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Slot::Running(_) => "Running",
            Slot::Done(_) => "Done",
            Slot::Taken => "Taken",
        })
    }
}
