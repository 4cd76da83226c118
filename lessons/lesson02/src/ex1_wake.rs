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
//!
//! 练习 02-1：把任务放回运行队列的唤醒器。
//!
//! 事件循环维护一个运行队列：里面是已经就绪、可以被轮询的任务。返回
//! `Poll::Pending` 的任务会离开队列，只有当有人调用它的唤醒器时才会回来。
//! 所以在执行器里，“唤醒”的意思恰恰就是：把任务的 id 放回运行队列。
//!
//! 为 `TaskWaker` 实现 `wake_by_ref`（标准库的 `Wake` trait；`wake` 已经
//! 会调用它）。每次调用都必须：
//! - 在 `wakes` 里记下这次唤醒（每次调用都要记，用于统计）；
//! - 把 `id` 推进队列，但只在任务还没有入队时才推：一个在下次轮询前
//!   被唤醒五次的任务只被轮询一次，而不是五次。标志 `queued` 表示它是否
//!   已经入队：由把任务推进队列的那次唤醒设置，一直保持到执行器在轮询
//!   这个任务之前清除它（`polling`）为止，即使执行器已经把 id 从队列里
//!   取了出来。要看这个标志来决定，而不是去队列里找。
//!
//! 唤醒器可能同时在多个线程上被调用，所以要用这个标志的原子操作 `swap`，
//! 它一步就完成读取和设置：如果先 `load` 再 `store`，两个线程可能都看到
//! `false`，然后都去推入队列。
//!
//! 只编辑这个文件。用 `cargo test -p lesson02 ex1` 检查。

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
        // TODO: 记下这次唤醒；然后，如果任务还不在队列里，
        // 就把它标记为已入队，并把它的 id 推进运行队列。
        todo!()
    }
}
