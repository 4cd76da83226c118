//! Lesson 10, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson10/src/faulty.rs"]
pub mod faulty;
#[path = "../../../lessons/lesson10/src/lines.rs"]
pub mod lines;
#[path = "../../../lessons/lesson10/src/panics.rs"]
pub mod panics;
#[path = "../../../lessons/lesson10/src/retry.rs"]
pub mod retry;
#[path = "../../../lessons/lesson10/src/shutdown.rs"]
pub mod shutdown;
#[path = "../../../lessons/lesson10/src/sim.rs"]
pub mod sim;
#[path = "../../../lessons/lesson10/src/spans.rs"]
pub mod spans;

pub mod ex1_retry_test;
pub mod ex2_lines_test;
pub mod ex3_spans;
pub mod ex4_panics;
pub mod ex5_shutdown_test;
pub mod ex6_partition;
