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
//! clock does in tests (that clock and the loop's counts, [`Stats`], are in
//! [`crate::instruments`]; the tests are `tests/executor.rs`).
//!
//! What it leaves out, on purpose: IO (a real executor asks the OS, with
//! `epoll` or `kqueue`, which sockets are ready; see tokio's `mio`), several
//! threads, and fairness beyond first-in, first-out.

// ANCHOR: types
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use crate::instruments::LoopTime;
pub use crate::instruments::{Clock, Stats};

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

/// One task's waker, which holds the task's state: [`WAITING`], [`QUEUED`]
/// or [`FINISHED`]. Wakers and the loop change it, from any thread.
#[derive(Debug)]
struct TaskWaker {
    id: usize,
    state: AtomicU8,
    queue: Arc<RunQueue>,
}

/// Polled, and waiting for a wake: the next wake puts it on the queue.
const WAITING: u8 = 0;
/// On the run queue, or taken off it and not yet polled: a wake adds nothing.
const QUEUED: u8 = 1;
/// Finished: its slot may be another task's now, so a wake must not queue it.
const FINISHED: u8 = 2;
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
            state: AtomicU8::new(QUEUED), // it starts out on the run queue
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
            // A late wake of this waker (a clone left in a timer, say) finds
            // it finished, so it cannot reach the task that takes the slot.
            waker.state.store(FINISHED, Ordering::Release);
        }
    }
}
// ANCHOR_END: table

// The free list costs no memory: a slot is three words (the task's box and
// the waker's `Arc`), as a plain `Option` of them would be.
const _: () = assert!(size_of::<Slot>() == size_of::<Option<(Task, Arc<TaskWaker>)>>());
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<Slot>() == 24);

// ANCHOR: wake
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // Only a waiting task goes on the queue, and of several wakes at once
        // only the one whose exchange moves it to queued pushes it.
        let moved =
            self.state
                .compare_exchange(WAITING, QUEUED, Ordering::AcqRel, Ordering::Acquire);
        if moved.is_ok() {
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
    time: LoopTime,
    /// When the loop started: timers count their milliseconds from here.
    origin: Instant,
    timers: Timers,
    /// The last timer slot fired: a sleep whose slot is at most this is over.
    fired: u64,
    /// Spawned but not yet moved into the task table.
    new_tasks: Vec<Task>,
    stats: Stats,
}

impl Shared {
    fn now(&self) -> Instant {
        self.time.now()
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

/// [`block_on`] with a choice of clock, also returning what the loop did.
pub fn block_on_with<F: Future>(clock: Clock, future: F) -> (F::Output, Stats) {
    block_on_parking(clock, || {}, future)
}

// ANCHOR: block_on
/// [`block_on_with`], calling `before_wait` each time the loop has nothing
/// ready and is about to wait (tokio's `Builder::on_thread_park`): the moment
/// to write out what the tasks left in a buffer, say.
pub fn block_on_parking<F: Future>(
    clock: Clock,
    mut before_wait: impl FnMut(),
    future: F,
) -> (F::Output, Stats) {
    let start = Instant::now();
    let shared = Rc::new(RefCell::new(Shared {
        time: LoopTime::new(clock, start),
        origin: start,
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
        state: AtomicU8::new(QUEUED),
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
                main_waker.state.store(WAITING, Ordering::Release);
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
            task_waker.state.store(WAITING, Ordering::Release);
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

        // 4. Nothing ready: wait for the next deadline (the paused clock
        // jumps to it instead), or, with no timer set, for another thread.
        let next = {
            let mut shared = shared.borrow_mut();
            shared.stats.idle_waits += 1;
            let next = shared.timers.first_key_value().map(|(&slot, _)| slot);
            let next = next.map(|slot| shared.when(slot));
            if shared.time.jump_to(next) {
                continue;
            }
            next
        };
        before_wait();
        // Woken early by another thread's waker? The loop goes round.
        if queue.ready.lock().expect("poisoned").is_empty() {
            match next {
                Some(deadline) => {
                    thread::park_timeout(deadline.saturating_duration_since(Instant::now()))
                }
                None => thread::park(),
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
