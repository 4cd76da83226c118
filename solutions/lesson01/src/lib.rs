//! Lesson 01, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson01/src/by_hand.rs"]
pub mod by_hand;
#[path = "../../../lessons/lesson01/src/child.rs"]
pub mod child;
#[path = "../../../lessons/lesson01/src/cost.rs"]
pub mod cost;
#[path = "../../../lessons/lesson01/src/stall.rs"]
pub mod stall;

pub mod ex1_countdown;
pub mod ex2_poll_by_hand;
pub mod ex3_signal;
pub mod ex4_tasks;
pub mod ex5_off_thread;
