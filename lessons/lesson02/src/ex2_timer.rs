//! Exercise 02-2: a timer future.
//!
//! `asyncio.sleep(1)` does not block the thread: it asks the loop to wake
//! the coroutine in a second, and gives the thread back. A timer in any
//! event loop is two things: a deadline, and the waker of the task that is
//! waiting for it. The loop keeps them sorted by deadline; when its clock
//! passes a deadline it wakes that task.
//!
//! Here the loop's clock is `Timers`, which moves only when told to
//! (`advance`), so tests are exact. Write the two halves:
//! - `Sleep::poll`: if the clock has reached the deadline, answer
//!   `Ready(())` (`advance` has already taken its entry out of `waiting`).
//!   Otherwise store the waker in `waiting` under this sleep's key and
//!   answer `Pending`. The first time, make a key with `new_key`;
//!   after that, reuse `self.key`, replacing the waker stored under it, so
//!   that polling twice leaves one timer, holding the newest waker.
//! - `Timers::advance`: move `now` on by `by`, remove every entry whose
//!   deadline is at or before the new `now`, and wake them, earliest first.
//!   Wake them after the `borrow_mut()` has ended: a waker may run code that
//!   looks at the timers again.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex2`.
//!
//! 练习 02-2：定时器 future。
//!
//! `asyncio.sleep(1)` 不会阻塞线程：它请事件循环在一秒后唤醒这个协程，
//! 然后把线程让出去。任何事件循环里的定时器都由两样东西组成：一个截止
//! 时间，以及等待它的那个任务的唤醒器。事件循环让定时器按截止时间排好；
//! 时钟一越过某个截止时间，就唤醒对应的任务。
//!
//! 这里事件循环的时钟是 `Timers`，只有被告知时（`advance`）才会走，所以
//! 测试是精确的。写出两半：
//! - `Sleep::poll`：如果时钟已经到达截止时间，返回 `Ready(())`（`advance`
//!   已经把它的条目从 `waiting` 里取走了）。否则把唤醒器以这个 sleep 的
//!   键存进 `waiting`，返回 `Pending`。第一次用 `new_key` 生成一个键；
//!   之后复用 `self.key`，替换掉这个键下存着的唤醒器，这样轮询两次之后
//!   仍然只有一个定时器，保存的是最新的唤醒器。
//! - `Timers::advance`：把 `now` 往前推 `by`，移除所有截止时间不晚于新的
//!   `now` 的条目，并按最早的在前的顺序唤醒它们。要在 `borrow_mut()`
//!   结束之后再唤醒：唤醒器可能会运行再次查看定时器的代码。
//!
//! 只编辑这个文件。用 `cargo test -p lesson02 ex2` 检查。

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// A timer's place in `waiting`: its deadline first, so the map is sorted
/// by deadline, then a number that tells equal deadlines apart.
type Key = (Duration, u64);

#[derive(Debug, Default)]
struct Inner {
    /// The clock: time since the timers were made.
    now: Duration,
    next_id: u64,
    /// Every sleep that is waiting, with the waker to call when it is due.
    waiting: BTreeMap<Key, Waker>,
}

/// A clock that moves only when told to, and the timers waiting on it.
#[derive(Debug, Clone, Default)]
pub struct Timers {
    inner: Rc<RefCell<Inner>>,
}

impl Timers {
    pub fn new() -> Timers {
        Timers::default()
    }

    pub fn now(&self) -> Duration {
        self.inner.borrow().now
    }

    /// How many sleeps are waiting.
    pub fn waiting(&self) -> usize {
        self.inner.borrow().waiting.len()
    }

    /// A future that is ready once the clock reaches `deadline`.
    pub fn sleep_until(&self, deadline: Duration) -> Sleep {
        Sleep {
            timers: self.clone(),
            deadline,
            key: None,
        }
    }

    /// A fresh key for a timer at `deadline`.
    fn new_key(&self, deadline: Duration) -> Key {
        let mut inner = self.inner.borrow_mut();
        inner.next_id += 1;
        (deadline, inner.next_id)
    }

    /// Moves the clock on by `by`, and wakes every sleep that is now due,
    /// earliest deadline first.
    pub fn advance(&self, by: Duration) {
        // TODO: move the clock on; remove the entries that are due (at or
        // before the new `now`); end the borrow; wake them, earliest first.
        // TODO: 推进时钟；移除到期的条目（不晚于新的 `now`）；
        // 结束借用；按最早的在前的顺序唤醒它们。
        todo!()
    }
}

/// Ready once the clock of its `Timers` reaches `deadline`.
#[derive(Debug)]
pub struct Sleep {
    timers: Timers,
    deadline: Duration,
    /// Its entry in `waiting`, once it has one.
    key: Option<Key>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: Ready once `now` has reached the deadline; otherwise store
        // the waker under this sleep's key (a new one the first time) and
        // answer Pending.
        // TODO: `now` 到达截止时间就 Ready；否则把唤醒器存在这个 sleep 的
        // 键下（第一次时用一个新键），然后
        // 返回 Pending。
        todo!()
    }
}
