//! Exercise 02-1: a waker that puts its task back on the run queue.
//!
//! An event loop keeps a run queue: the tasks that are ready to be polled.
//! A task that answers `Poll::Pending` leaves the queue, and comes back only
//! when something calls its waker. So in an executor, "wake" means exactly
//! this: put the task's id back on the run queue.
//!
//! Implement `wake_by_ref` for `TaskWaker` (the standard `Wake` trait; `wake`
//! already calls it). Each call must
//! - count the wake-up in `wakes` (every call, for the statistics);
//! - push `id` onto the queue, but only if the task is not queued already:
//!   a task woken five times before its next poll is polled once, not five
//!   times. The flag `queued` says whether it is: set by the wake that
//!   pushes the task, it stays set until the executor clears it
//!   (`polling`) just before it polls the task, even after the executor
//!   has taken the id off the queue. Decide by the flag, not by looking in
//!   the queue.
//!
//! Wakers can be called from any thread at once, so use the flag's atomic
//! `swap`, which reads and sets it in one step: with a `load` and then a
//! `store`, two threads could both see `false` and both push.
//!
//! Edit this file only. Check it with `cargo test -p lesson02 ex1`.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Wake;

/// The ids of the tasks that are ready to be polled, in the order they
/// became ready. Given.
#[derive(Debug, Default)]
pub struct RunQueue {
    ready: Mutex<VecDeque<usize>>,
}

impl RunQueue {
    pub fn new() -> Arc<RunQueue> {
        Arc::new(RunQueue::default())
    }

    pub fn push(&self, id: usize) {
        self.ready.lock().expect("run queue poisoned").push_back(id);
    }

    pub fn pop(&self) -> Option<usize> {
        self.ready.lock().expect("run queue poisoned").pop_front()
    }

    /// What is on the queue now, front first.
    pub fn ids(&self) -> Vec<usize> {
        self.ready
            .lock()
            .expect("run queue poisoned")
            .iter()
            .copied()
            .collect()
    }
}

/// The waker of task `id`.
#[derive(Debug)]
pub struct TaskWaker {
    id: usize,
    /// Whether the task is on the run queue now.
    queued: AtomicBool,
    /// How many times it was woken, in all.
    wakes: AtomicUsize,
    queue: Arc<RunQueue>,
}

impl TaskWaker {
    /// A waker for task `id`, which is not on the queue yet.
    pub fn new(id: usize, queue: Arc<RunQueue>) -> Arc<TaskWaker> {
        Arc::new(TaskWaker {
            id,
            queued: AtomicBool::new(false),
            wakes: AtomicUsize::new(0),
            queue,
        })
    }

    pub fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }

    /// The executor calls this just before it polls the task: the task is
    /// off the queue, so the next wake must put it back.
    pub fn polling(&self) {
        self.queued.store(false, Ordering::SeqCst);
    }
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        // TODO: count the wake-up; then, if the task is not queued already,
        // mark it queued and push its id onto the run queue.
        self.wakes.fetch_add(1, Ordering::SeqCst);
        // `swap` answers what the flag was: false means nobody queued the
        // task since its last poll, so this wake is the one that does.
        if !self.queued.swap(true, Ordering::SeqCst) {
            self.queue.push(self.id);
        }
    }
}
