//! Lesson 04, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson04/src/app.rs"]
pub mod app;
#[path = "../../../lessons/lesson04/src/load.rs"]
pub mod load;
#[path = "../../../lessons/lesson04/src/pitfalls.rs"]
pub mod pitfalls;
#[path = "../../../lessons/lesson04/src/server.rs"]
pub mod server;

pub mod ex1_path;
pub mod ex2_escape;
pub mod ex3_counter;
pub mod ex4_limits;
pub mod ex5_shutdown;
