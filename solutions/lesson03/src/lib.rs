//! Lesson 03, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson03/src/compose.rs"]
pub mod compose;
#[path = "../../../lessons/lesson03/src/fetch_error.rs"]
pub mod fetch_error;
#[path = "../../../lessons/lesson03/src/lowered.rs"]
pub mod lowered;
#[path = "../../../lessons/lesson03/src/send.rs"]
pub mod send;
#[path = "../../../lessons/lesson03/src/servers.rs"]
pub mod servers;
#[path = "../../../lessons/lesson03/src/wget.rs"]
pub mod wget;

pub mod ex1_all_or_nothing;
pub mod ex2_first_ok;
pub mod ex3_timeout;
pub mod ex4_bounded;
pub mod ex5_cancel_safe;
