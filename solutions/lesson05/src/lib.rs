//! Lesson 05, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson05/src/blocking.rs"]
pub mod blocking;
#[path = "../../../lessons/lesson05/src/bridge.rs"]
pub mod bridge;
#[path = "../../../lessons/lesson05/src/cancel.rs"]
pub mod cancel;
#[path = "../../../lessons/lesson05/src/cores.rs"]
pub mod cores;
#[path = "../../../lessons/lesson05/src/cores_report.rs"]
pub mod cores_report;
#[path = "../../../lessons/lesson05/src/locks.rs"]
pub mod locks;
#[path = "../../../lessons/lesson05/src/pool.rs"]
pub mod pool;
#[path = "../../../lessons/lesson05/src/spawning.rs"]
pub mod spawning;
#[path = "../../../lessons/lesson05/src/ticks.rs"]
pub mod ticks;

pub mod ex1_wait_without_blocking;
pub mod ex2_cpu_on_pool;
pub mod ex3_short_lock;
pub mod ex4_abort_the_rest;
pub mod ex5_async_from_sync;
