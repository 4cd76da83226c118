//! What the executor's tests read from it: the paused clock, and the
//! counts of what one run did. Kept beside [`crate::executor`], so that the
//! file the chapter shows is the loop, the waker, the task table and the
//! timer.

use std::time::Instant;

/// Where the loop gets the time from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The real clock: when nothing is ready the thread sleeps until the
    /// next deadline.
    Real,
    /// A clock that stands still while tasks run and jumps to the next
    /// deadline when nothing is ready: timers cost no real time. For tests.
    Paused,
}

/// The loop's time, on the clock it was given.
#[derive(Debug)]
pub(crate) struct LoopTime {
    /// The paused clock's current time; `None` on the real clock.
    paused: Option<Instant>,
}

impl LoopTime {
    pub(crate) fn new(clock: Clock, start: Instant) -> LoopTime {
        LoopTime {
            paused: (clock == Clock::Paused).then_some(start),
        }
    }

    pub(crate) fn now(&self) -> Instant {
        self.paused.unwrap_or_else(Instant::now)
    }

    /// On the paused clock, moves the time to `deadline` instead of waiting
    /// for it, and says so (`true`). A paused loop with no deadline to jump
    /// to can never be woken: every task waits and no timer is set, so it
    /// panics rather than hang. On the real clock, does nothing (`false`).
    pub(crate) fn jump_to(&mut self, deadline: Option<Instant>) -> bool {
        let Some(now) = &mut self.paused else {
            return false;
        };
        *now = deadline
            .expect("executor: every task is waiting and no timer is set; nothing can wake them");
        true
    }
}

/// What one [`block_on_with`](crate::executor::block_on_with) did, for the
/// curious and for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Tasks spawned (not counting the future given to `block_on`).
    pub spawned: usize,
    /// Calls to `poll`, on tasks and on the main future.
    pub polls: usize,
    /// Timers registered by [`sleep`](crate::executor::sleep).
    pub timers: usize,
    /// Times the loop had nothing to do and waited (or, on the paused
    /// clock, jumped ahead).
    pub idle_waits: usize,
    /// Slots in the task table at the end: the most tasks alive at once.
    pub slots: usize,
}
