//! Lesson 02, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson02/src/buffered_stdout.rs"]
pub mod buffered_stdout;
#[path = "../../../lessons/lesson02/src/executor.rs"]
pub mod executor;
#[path = "../../../lessons/lesson02/src/hello.rs"]
pub mod hello;
#[path = "../../../lessons/lesson02/src/host_name.rs"]
pub mod host_name;
#[path = "../../../lessons/lesson02/src/instruments.rs"]
pub mod instruments;
#[path = "../../../lessons/lesson02/src/servers.rs"]
pub mod servers;
#[path = "../../../lessons/lesson02/src/wget.rs"]
pub mod wget;

pub mod ex1_wake;
pub mod ex2_timer;
pub mod ex3_join_all;
pub mod ex4_line;
pub mod ex5_threads;
