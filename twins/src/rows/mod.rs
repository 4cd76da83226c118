//! One module per row of the appendix, each with `pub fn main()`, the Rust
//! twin of `python/<name>.py` (named so that no Python file hides a
//! standard module: `queue.py` would shadow `queue` for asyncio itself).

pub mod all_tasks;
pub mod as_completed;
pub mod async_callback;
pub mod async_gen;
pub mod async_with;
pub mod barrier;
pub mod blocking;
pub mod bounded_queue;
pub mod call_later;
pub mod cancel;
pub mod child_process;
pub mod condition;
pub mod context_vars;
pub mod create_task;
pub mod debug;
pub mod eager;
pub mod event;
pub mod future;
pub mod gather;
pub mod gather_errors;
pub mod lock;
pub mod protocol;
pub mod queue_shutdown;
pub mod reschedule;
pub mod run;
pub mod runner;
pub mod semaphore;
pub mod shield;
pub mod signals;
pub mod sleep0;
pub mod taskgroup;
pub mod tcp;
pub mod threadsafe;
pub mod timeout;
pub mod to_thread;
pub mod wait_first;
pub mod wait_for;
