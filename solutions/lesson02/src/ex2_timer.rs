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
        let due: Vec<Waker> = {
            let mut inner = self.inner.borrow_mut();
            inner.now += by;
            let now = inner.now;
            // `split_off` moves out every entry from (now, MAX) on: those
            // are still waiting. What stays behind is due.
            let later = inner.waiting.split_off(&(now, u64::MAX));
            std::mem::replace(&mut inner.waiting, later)
                .into_values()
                .collect()
        };
        for waker in due {
            waker.wake();
        }
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
        if self.timers.now() >= self.deadline {
            return Poll::Ready(());
        }
        let key = match self.key {
            Some(key) => key,
            None => self.timers.new_key(self.deadline),
        };
        self.key = Some(key);
        self.timers
            .inner
            .borrow_mut()
            .waiting
            .insert(key, cx.waker().clone());
        Poll::Pending
    }
}
