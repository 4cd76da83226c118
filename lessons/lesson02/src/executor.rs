//! An executor from scratch: the event loop that Rust leaves to libraries.
//!
//! Python's `asyncio` comes with its event loop; Rust's standard library has
//! only the `Future` trait and the `Waker` type, and leaves running futures
//! to a library. This module is such a library, small enough to read in one
//! sitting, and enough to run the note's `hello.py` with 100,000 tasks:
//!
//! - a **run queue**: the ids of tasks that are ready to be polled;
//! - a **waker** per task (the standard [`Wake`] trait): waking a task puts
//!   its id back on the run queue, once;
//! - a **timer**: [`sleep`] records a deadline and a waker, and the loop
//!   wakes the task when the deadline has passed;
//! - [`block_on`] runs the loop until the future it was given finishes, and
//!   [`spawn`] adds a task to the loop it is called from.
//!
//! One thread does everything, as in `asyncio`. When nothing is ready the
//! loop parks its thread until the next deadline, or until a waker from
//! another thread unparks it. With [`Clock::Paused`] it does not wait at
//! all: it jumps its clock to the next deadline, the way tokio's paused
//! clock does in tests.
//!
//! What it leaves out, on purpose: IO (a real executor asks the OS, with
//! `epoll` or `kqueue`, which sockets are ready; see tokio's `mio`), several
//! threads, and fairness beyond first-in, first-out.
//!
//! Longer than a teaching module's usual 250 lines of code, for a reason:
//! the executor and its timer are the lesson's whole point, one piece the
//! chapter shows anchor by anchor (about 300 lines of code; the async
//! book's executor and timer together are about 220). Besides the loop it
//! has what the note's `hello` needs (join handles, timers) and the paused
//! clock the course's tests run on; its unit tests are the last quarter.

// ANCHOR: types
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

/// A task: a future with nothing left to return (its output, if any, went
/// to its [`JoinHandle`]). Tasks never leave the loop's thread, so they need
/// not be `Send`.
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The ids of tasks that are ready to be polled. Wakers may be called from
/// any thread, so this one part is shared and locked.
#[derive(Debug)]
struct RunQueue {
    ready: Mutex<VecDeque<usize>>,
    /// The loop's thread, unparked when a task is woken from elsewhere.
    thread: Thread,
}

/// One task's waker. `queued` makes a task that is woken twice before it
/// is polled go on the queue once.
#[derive(Debug)]
struct TaskWaker {
    id: usize,
    queued: AtomicBool,
    queue: Arc<RunQueue>,
}
// ANCHOR_END: types

// Exercise 02-1 asks for this waker, so the chapter shows it only beside
// that exercise's solution.
// ANCHOR: wake
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Already on the queue: it will be polled anyway.
        if !self.queued.swap(true, Ordering::AcqRel) {
            self.queue
                .ready
                .lock()
                .expect("run queue poisoned")
                .push_back(self.id);
            self.queue.thread.unpark();
        }
    }
}
// ANCHOR_END: wake

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

/// What one [`block_on`] did, for the curious and for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Tasks spawned (not counting the future given to `block_on`).
    pub spawned: usize,
    /// Calls to `poll`, on tasks and on the main future.
    pub polls: usize,
    /// Timers registered by [`sleep`].
    pub timers: usize,
    /// Times the loop had nothing to do and waited (or, on the paused
    /// clock, jumped ahead).
    pub idle_waits: usize,
}

// ANCHOR: timer
/// The timers waiting in the loop. A deadline is rounded up to a whole
/// millisecond after the loop started (tokio's timer also counts in
/// milliseconds, and neither fires early); for each such millisecond, in
/// order, the wakers waiting for it, in the order they were set. A million
/// tasks that start a one-second sleep within a few hundred milliseconds
/// are a few hundred entries: firing them is a walk along lists, not a
/// million reorderings of a heap.
type Timers = BTreeMap<u64, Vec<Waker>>;
// ANCHOR_END: timer

/// The loop's own state, reachable from the futures it runs through a
/// thread-local (that is how [`spawn`] and [`sleep`] find their loop, as
/// `asyncio.get_running_loop()` does).
struct Shared {
    clock: Clock,
    /// When the loop started: timers count their milliseconds from here.
    origin: Instant,
    /// The paused clock's current time.
    now: Instant,
    timers: Timers,
    /// The last timer slot fired: a sleep whose slot is at most this is over.
    fired: u64,
    /// Spawned but not yet moved into the task table.
    new_tasks: Vec<Task>,
    stats: Stats,
}

impl Shared {
    fn now(&self) -> Instant {
        match self.clock {
            Clock::Real => Instant::now(),
            Clock::Paused => self.now,
        }
    }

    /// The timer slot of `deadline`: milliseconds since `origin`, rounded up.
    fn slot(&self, deadline: Instant) -> u64 {
        let nanos = deadline.saturating_duration_since(self.origin).as_nanos();
        u64::try_from(nanos.div_ceil(1_000_000)).unwrap_or(u64::MAX)
    }

    /// When `slot` comes: the deadline its timers wait for.
    fn when(&self, slot: u64) -> Instant {
        self.origin + Duration::from_millis(slot)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<RefCell<Shared>>>> = const { RefCell::new(None) };
}

fn with_current<T>(what: &str, f: impl FnOnce(&mut Shared) -> T) -> T {
    CURRENT.with(|current| {
        let current = current.borrow();
        let shared = current.as_ref().unwrap_or_else(|| {
            panic!("{what} must be called from inside executor::block_on, on its thread")
        });
        f(&mut shared.borrow_mut())
    })
}

/// Runs `future` to completion on this thread with the real clock, along
/// with every task it spawns, and returns its output. Like
/// `asyncio.run(main())`.
pub fn block_on<F: Future>(future: F) -> F::Output {
    block_on_with(Clock::Real, future).0
}

// ANCHOR: block_on
/// [`block_on`] with a choice of clock, also returning what the loop did.
pub fn block_on_with<F: Future>(clock: Clock, future: F) -> (F::Output, Stats) {
    let start = Instant::now();
    let shared = Rc::new(RefCell::new(Shared {
        clock,
        origin: start,
        now: start,
        timers: Timers::new(),
        fired: 0,
        new_tasks: Vec::new(),
        stats: Stats::default(),
    }));
    let previous = CURRENT.with(|c| c.replace(Some(shared.clone())));
    assert!(
        previous.is_none(),
        "executor::block_on called inside another block_on on the same thread"
    );
    // Put the thread-local back however we leave, panics included.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CURRENT.with(|c| c.replace(None));
        }
    }
    let _reset = Reset;

    let queue = Arc::new(RunQueue {
        ready: Mutex::new(VecDeque::new()),
        thread: thread::current(),
    });
    // The task table: slot `id` holds task `id` until it finishes. Id 0 is
    // the main future, which lives on this stack frame instead.
    let mut tasks: Vec<Option<(Task, Arc<TaskWaker>)>> = vec![None];
    let main_waker = Arc::new(TaskWaker {
        id: 0,
        queued: AtomicBool::new(true),
        queue: queue.clone(),
    });
    queue.ready.lock().expect("run queue poisoned").push_back(0);
    let mut main = std::pin::pin!(future);

    loop {
        // 1. Move newly spawned tasks into the table; each starts out ready.
        let spawned = std::mem::take(&mut shared.borrow_mut().new_tasks);
        let first = tasks.len();
        for task in spawned {
            let waker = Arc::new(TaskWaker {
                id: tasks.len(),
                queued: AtomicBool::new(true),
                queue: queue.clone(),
            });
            tasks.push(Some((task, waker)));
        }
        queue
            .ready
            .lock()
            .expect("run queue poisoned")
            .extend(first..tasks.len());

        // 2. Poll everything that is ready, in the order it was woken.
        let ready: VecDeque<usize> = std::mem::take(&mut *queue.ready.lock().expect("poisoned"));
        let had_work = !ready.is_empty();
        for id in ready {
            shared.borrow_mut().stats.polls += 1;
            if id == 0 {
                main_waker.queued.store(false, Ordering::Release);
                let waker = Waker::from(main_waker.clone());
                if let Poll::Ready(output) = main.as_mut().poll(&mut Context::from_waker(&waker)) {
                    let stats = shared.borrow().stats;
                    return (output, stats);
                }
                continue;
            }
            // A stale wake-up for a task that has finished: nothing to do.
            let Some((task, task_waker)) = tasks[id].as_mut() else {
                continue;
            };
            task_waker.queued.store(false, Ordering::Release);
            let waker = Waker::from(task_waker.clone());
            if task
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                tasks[id] = None; // drops the finished future at once
            }
        }
        if had_work || !shared.borrow().new_tasks.is_empty() {
            continue;
        }

        // 3. Nothing ready: fire the timers that are due, or wait for one.
        let now = shared.borrow().now();
        let mut fired = false;
        loop {
            let due = {
                let mut shared = shared.borrow_mut();
                let first = shared.timers.first_key_value().map(|(&slot, _)| slot);
                let is_due = first.is_some_and(|slot| shared.when(slot) <= now);
                is_due.then(|| {
                    let (slot, wakers) = shared.timers.pop_first().expect("looked");
                    shared.fired = slot;
                    wakers
                })
            };
            // Woken with the loop's state let go: a waker may run code that needs it.
            let Some(wakers) = due else { break };
            wakers.into_iter().for_each(Waker::wake);
            fired = true;
        }
        if fired {
            continue;
        }
        // Nothing due either: wait for the next deadline.
        let mut shared_now = shared.borrow_mut();
        shared_now.stats.idle_waits += 1;
        let next = shared_now
            .timers
            .first_key_value()
            .map(|(&slot, _)| shared_now.when(slot));
        match (shared_now.clock, next) {
            (Clock::Paused, Some(deadline)) => shared_now.now = deadline,
            (Clock::Real, Some(deadline)) => {
                drop(shared_now);
                // Woken early by another thread's waker? The loop goes round.
                if queue.ready.lock().expect("poisoned").is_empty() {
                    thread::park_timeout(deadline.saturating_duration_since(Instant::now()));
                }
            }
            (_, None) => {
                drop(shared_now);
                // No timer, nothing ready: only another thread can wake us.
                // On the paused clock that is a hang, so say so.
                assert!(
                    clock == Clock::Real,
                    "executor: every task is waiting and no timer is set; nothing can wake them"
                );
                if queue.ready.lock().expect("poisoned").is_empty() {
                    thread::park();
                }
            }
        }
    }
}
// ANCHOR_END: block_on

// ANCHOR: spawn
use futures::FutureExt;

/// What a task's output and its awaiting task share.
#[derive(Debug)]
struct JoinState<T> {
    output: Option<T>,
    waiter: Option<Waker>,
}

/// Awaits a spawned task's output, like awaiting an `asyncio.Task`.
#[derive(Debug)]
pub struct JoinHandle<T> {
    state: Rc<RefCell<JoinState<T>>>,
}

/// Starts `future` as a task of the loop this is called from, and returns a
/// handle to await its output. Like `asyncio.create_task`. The task starts
/// at the loop's next turn, not now.
pub fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + 'static,
    F::Output: 'static,
{
    let state = Rc::new(RefCell::new(JoinState {
        output: None,
        waiter: None,
    }));
    let task_state = state.clone();
    // `map`, not `async move { let output = future.await; ... }`: today's
    // compiler keeps room for `future` twice in such a block (once as it was
    // captured, once as it is awaited), which doubled every task's box.
    let task: Task = Box::pin(future.map(move |output| {
        let waiter = {
            let mut state = task_state.borrow_mut();
            state.output = Some(output);
            state.waiter.take()
        };
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }));
    with_current("executor::spawn", |shared| {
        shared.stats.spawned += 1;
        shared.new_tasks.push(task);
    });
    JoinHandle { state }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.state.borrow_mut();
        match state.output.take() {
            Some(output) => Poll::Ready(output),
            None => {
                state.waiter = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}
// ANCHOR_END: spawn

// ANCHOR: sleep
/// Waits `duration` on the loop's clock, like `asyncio.sleep(seconds)`.
pub fn sleep(duration: Duration) -> Sleep {
    Sleep {
        duration,
        slot: None,
    }
}

/// The future [`sleep`] returns.
///
/// Its timer keeps the waker of its first poll. That is enough here, where
/// a task always polls with the same waker; a sleep moved into another task
/// would wake the old one. tokio's `Sleep` stores the newest waker on every
/// poll, and exercise 02-2 does too.
#[derive(Debug)]
pub struct Sleep {
    duration: Duration,
    /// The timer's slot, set on the first poll: the wait starts when the
    /// sleep is first awaited, as `asyncio.sleep`'s does (tokio's `sleep`
    /// fixes its deadline when it is called).
    slot: Option<u64>,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let duration = self.duration;
        let slot = self.slot;
        with_current("executor::sleep", |shared| match slot {
            // Over once the loop has fired its slot: no need to read the clock.
            Some(slot) if slot <= shared.fired => Poll::Ready(()),
            Some(_) => Poll::Pending, // its timer is set and holds the waker
            None if duration.is_zero() => Poll::Ready(()),
            None => {
                let slot = shared.slot(shared.now() + duration);
                shared.stats.timers += 1;
                let wakers = shared.timers.entry(slot).or_default();
                wakers.push(cx.waker().clone());
                self.slot = Some(slot);
                Poll::Pending
            }
        })
    }
}

/// The loop's current time: the paused clock's, or the real one.
pub fn now() -> Instant {
    with_current("executor::now", |shared| shared.now())
}
// ANCHOR_END: sleep

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A deadline is rounded up to the next millisecond: never early.
    #[test]
    fn timers_round_up_to_the_millisecond() {
        let (waited, _) = block_on_with(Clock::Paused, async {
            let start = now();
            sleep(Duration::from_micros(1500)).await;
            let first = now() - start;
            sleep(Duration::from_millis(3)).await;
            (first, now() - start)
        });
        assert_eq!(waited, (Duration::from_millis(2), Duration::from_millis(5)));
    }

    /// A future with no `.await` is ready at once.
    #[test]
    fn block_on_returns_the_output() {
        assert_eq!(block_on(async { 6 * 7 }), 42);
    }

    /// Spawned tasks run, and their handles give their outputs back.
    #[test]
    fn spawned_tasks_run_and_join() {
        let (sum, stats) = block_on_with(Clock::Paused, async {
            let handles: Vec<_> = (0..10u64).map(|i| spawn(async move { i * i })).collect();
            let mut sum = 0;
            for h in handles {
                sum += h.await;
            }
            sum
        });
        assert_eq!(sum, 285);
        assert_eq!(stats.spawned, 10);
    }

    /// Timers fire in deadline order, and on the paused clock the loop's
    /// time moves by exactly the sleeps, with no real waiting.
    #[test]
    fn timers_fire_in_order_on_the_paused_clock() {
        let order = Rc::new(RefCell::new(Vec::new()));
        let real = Instant::now();
        let (took, stats) = block_on_with(Clock::Paused, {
            let order = order.clone();
            async move {
                let start = now();
                let handles: Vec<_> = [3u64, 1, 2]
                    .into_iter()
                    .map(|s| {
                        let order = order.clone();
                        spawn(async move {
                            sleep(Duration::from_secs(s)).await;
                            order.borrow_mut().push(s);
                        })
                    })
                    .collect();
                for h in handles {
                    h.await;
                }
                now() - start
            }
        });
        assert_eq!(*order.borrow(), [1, 2, 3]);
        assert_eq!(took, Duration::from_secs(3));
        assert_eq!(stats.timers, 3);
        assert!(
            real.elapsed() < Duration::from_secs(1),
            "the paused clock waited for real"
        );
    }

    /// Ten thousand tasks each sleeping one second take one second in all.
    #[test]
    fn ten_thousand_sleeps_overlap() {
        let (took, _) = block_on_with(Clock::Paused, async {
            let start = now();
            let handles: Vec<_> = (0..10_000)
                .map(|_| spawn(sleep(Duration::from_secs(1))))
                .collect();
            for h in handles {
                h.await;
            }
            now() - start
        });
        assert_eq!(took, Duration::from_secs(1));
    }

    /// A waker called from another thread unparks the loop (real clock, no
    /// timer: without the unpark this would hang).
    #[test]
    fn a_wake_from_another_thread_unparks_the_loop() {
        struct WokenElsewhere {
            started: bool,
            done: Arc<AtomicBool>,
        }
        impl Future for WokenElsewhere {
            type Output = ();
            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                if self.done.load(Ordering::Acquire) {
                    return Poll::Ready(());
                }
                if !self.started {
                    self.started = true;
                    let (done, waker) = (self.done.clone(), cx.waker().clone());
                    thread::spawn(move || {
                        done.store(true, Ordering::Release);
                        waker.wake();
                    });
                }
                Poll::Pending
            }
        }
        block_on(WokenElsewhere {
            started: false,
            done: Arc::new(AtomicBool::new(false)),
        });
    }

    /// A task woken many times before its next poll is polled once.
    #[test]
    fn repeated_wakes_queue_a_task_once() {
        let polls = Rc::new(Cell::new(0));
        let (_, stats) = block_on_with(Clock::Paused, {
            let polls = polls.clone();
            std::future::poll_fn(move |cx| {
                polls.set(polls.get() + 1);
                if polls.get() == 1 {
                    for _ in 0..5 {
                        cx.waker().wake_by_ref();
                    }
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            })
        });
        assert_eq!(polls.get(), 2);
        assert_eq!(stats.polls, 2);
    }

    /// On the paused clock, a loop with nothing that can ever wake it says so.
    #[test]
    #[should_panic(expected = "nothing can wake them")]
    fn a_stuck_loop_on_the_paused_clock_panics() {
        block_on_with(Clock::Paused, std::future::pending::<()>());
    }
}
