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
//! chapter shows anchor by anchor (about 330 lines of code; the async
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

// ANCHOR: table
/// The task table: slot `id` holds task `id` while it runs. When a task
/// finishes, its slot goes to the next task spawned, so the table is as long
/// as the most tasks that were alive at once, not as every task ever
/// spawned. The free slots form a list threaded through the table itself
/// (each one holds the index of the next), as the `slab` crate does it:
/// keeping that list costs no memory.
struct TaskTable {
    slots: Vec<Slot>,
    /// The first free slot; `slots.len()` when none is free.
    free: usize,
}

enum Slot {
    Busy(Task, Arc<TaskWaker>),
    /// A free slot, and the next free one after it.
    Free(usize),
}

impl TaskTable {
    /// Puts `task` in the first free slot and returns its id, which is also
    /// what its waker puts on the run queue.
    fn insert(&mut self, task: Task, queue: &Arc<RunQueue>) -> usize {
        let id = self.free;
        let waker = Arc::new(TaskWaker {
            id,
            queued: AtomicBool::new(true), // it starts out on the run queue
            queue: queue.clone(),
        });
        let busy = Slot::Busy(task, waker);
        if id == self.slots.len() {
            self.slots.push(busy);
            self.free = id + 1;
        } else {
            let Slot::Free(next) = std::mem::replace(&mut self.slots[id], busy) else {
                unreachable!("the free list led to a busy slot");
            };
            self.free = next;
        }
        id
    }

    /// Drops the finished task in slot `id` and frees the slot.
    fn remove(&mut self, id: usize) {
        let finished = std::mem::replace(&mut self.slots[id], Slot::Free(self.free));
        self.free = id;
        if let Slot::Busy(_, waker) = finished {
            // Marked queued for good: a late wake of this waker (a clone
            // left in a timer, say) puts nothing on the queue, so it cannot
            // reach the task that takes the slot next.
            waker.queued.store(true, Ordering::Release);
        }
    }
}
// ANCHOR_END: table

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
    /// Slots in the task table at the end: the most tasks alive at once.
    pub slots: usize,
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
    let mut tasks = TaskTable {
        slots: Vec::new(),
        free: 0,
    };
    // The main future lives on this stack frame, not in the table; its id
    // is one no slot can have.
    const MAIN: usize = usize::MAX;
    let main_waker = Arc::new(TaskWaker {
        id: MAIN,
        queued: AtomicBool::new(true),
        queue: queue.clone(),
    });
    queue
        .ready
        .lock()
        .expect("run queue poisoned")
        .push_back(MAIN);
    let mut main = std::pin::pin!(future);

    loop {
        // 1. Move newly spawned tasks into the table; each starts out ready.
        let spawned = std::mem::take(&mut shared.borrow_mut().new_tasks);
        let mut ready = queue.ready.lock().expect("run queue poisoned");
        for task in spawned {
            ready.push_back(tasks.insert(task, &queue));
        }
        drop(ready);

        // 2. Wake the tasks whose timers are due, on every turn, busy or
        // not: a task that keeps waking itself must not starve a sleep.
        let now = shared.borrow().now();
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
        }

        // 3. Poll everything that is ready, in the order it was woken. A
        // task woken meanwhile waits for the next turn, after the timers.
        let ready: VecDeque<usize> = std::mem::take(&mut *queue.ready.lock().expect("poisoned"));
        for id in ready {
            shared.borrow_mut().stats.polls += 1;
            if id == MAIN {
                main_waker.queued.store(false, Ordering::Release);
                let waker = Waker::from(main_waker.clone());
                if let Poll::Ready(output) = main.as_mut().poll(&mut Context::from_waker(&waker)) {
                    let mut stats = shared.borrow().stats;
                    stats.slots = tasks.slots.len();
                    return (output, stats);
                }
                continue;
            }
            // Woken during its last poll, then finished: its slot is free,
            // or already another task's, which a poll for nothing cannot
            // harm (every future inside a `join_all` gets such polls).
            let Slot::Busy(task, task_waker) = &mut tasks.slots[id] else {
                continue;
            };
            task_waker.queued.store(false, Ordering::Release);
            let waker = Waker::from(task_waker.clone());
            if task
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                tasks.remove(id); // drops the finished future at once
            }
        }
        let busy = !queue.ready.lock().expect("poisoned").is_empty()
            || !shared.borrow().new_tasks.is_empty();
        if busy {
            continue;
        }

        // 4. Nothing ready: wait for the next deadline.
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

    /// A task that wakes itself on every poll is always ready, and a sleep
    /// still ends: the loop wakes due timers on every turn, not only when
    /// nothing is ready. On the real clock (the paused one stands still
    /// while a task is ready), with a 10-second limit on the spinning.
    #[test]
    fn a_task_that_keeps_waking_itself_does_not_starve_a_sleep() {
        let (outcome, _) = block_on_with(Clock::Real, async {
            let start = now();
            let limit = Duration::from_secs(10);
            let spins = Rc::new(Cell::new(0u64));
            let spinner = spawn({
                let spins = spins.clone();
                std::future::poll_fn(move |cx| {
                    spins.set(spins.get() + 1);
                    if now() - start > limit {
                        return Poll::Ready(());
                    }
                    cx.waker().wake_by_ref();
                    Poll::Pending
                })
            });
            sleep(Duration::from_millis(1)).await;
            let slept = now() - start;
            let (spun, spinner_done) = (spins.get(), now() - start > limit);
            drop(spinner);
            (slept, spun, spinner_done)
        });
        let (slept, spun, spinner_done) = outcome;
        assert!(
            !spinner_done,
            "a 1 ms sleep ended only after {slept:?}, when the spinning task gave up: \
             the loop fired no timer while a task was ready"
        );
        assert!(spun > 0, "the spinning task never ran");
    }

    /// A finished task's slot goes to the next task: 10,000 tasks spawned
    /// one after another, each finished before the next starts, need one
    /// slot, not 10,000.
    #[test]
    fn finished_tasks_give_their_slots_back() {
        let (_, stats) = block_on_with(Clock::Paused, async {
            for i in 0..10_000u64 {
                assert_eq!(spawn(async move { i + 1 }).await, i + 1);
            }
            // And ten at once, then ten again: ten slots.
            for _ in 0..2 {
                let handles: Vec<_> = (0..10)
                    .map(|_| spawn(sleep(Duration::from_millis(1))))
                    .collect();
                for h in handles {
                    h.await;
                }
            }
        });
        assert_eq!(stats.spawned, 10_020);
        assert_eq!(
            stats.slots, 10,
            "the task table grew to {} slots for 10,020 tasks, at most 10 of them alive at once",
            stats.slots
        );
    }

    /// The free list costs no memory: a slot is three words (the task's
    /// box and the waker's `Arc`), as a plain `Option` of them would be.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_slot_is_three_words() {
        use std::mem::size_of;
        assert_eq!(size_of::<Slot>(), 24);
        assert_eq!(
            size_of::<Slot>(),
            size_of::<Option<(Task, Arc<TaskWaker>)>>()
        );
    }

    /// A waker kept after its task finished (here, in a timer that fires
    /// late) wakes nothing: the task that took the slot is not polled for it.
    #[test]
    fn a_late_wake_does_not_reach_the_slots_next_task() {
        let polls = Rc::new(Cell::new(0));
        block_on_with(Clock::Paused, {
            let polls = polls.clone();
            async move {
                // Polls a 1 ms sleep once, then finishes: its timer keeps the waker.
                spawn(std::future::poll_fn(|cx| {
                    let mut sleep = std::pin::pin!(sleep(Duration::from_millis(1)));
                    let _ = sleep.as_mut().poll(cx);
                    Poll::Ready(())
                }))
                .await;
                // The next task takes the freed slot and waits 2 ms.
                let next = spawn(std::future::poll_fn({
                    let mut timer = Some(sleep(Duration::from_millis(2)));
                    move |cx| {
                        polls.set(polls.get() + 1);
                        match timer.as_mut() {
                            Some(t) => std::pin::Pin::new(t).poll(cx),
                            None => Poll::Ready(()),
                        }
                    }
                }));
                next.await;
            }
        });
        assert_eq!(
            polls.get(),
            2,
            "the task that took a finished task's slot was polled {} times, not 2 (once to \
             start, once when its own timer fired): the finished task's late wake reached it",
            polls.get()
        );
    }

    /// On the paused clock, a loop with nothing that can ever wake it says so.
    #[test]
    #[should_panic(expected = "nothing can wake them")]
    fn a_stuck_loop_on_the_paused_clock_panics() {
        block_on_with(Clock::Paused, std::future::pending::<()>());
    }
}
