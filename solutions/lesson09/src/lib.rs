//! Lesson 09, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson09/src/closures.rs"]
pub mod closures;
#[path = "../../../lessons/lesson09/src/cost.rs"]
pub mod cost;
#[path = "../../../lessons/lesson09/src/pinning.rs"]
pub mod pinning;
#[path = "../../../lessons/lesson09/src/projection.rs"]
pub mod projection;
#[path = "../../../lessons/lesson09/src/traits.rs"]
pub mod traits;

pub mod ex1_deadline;
pub mod ex2_poll_counter;
pub mod ex3_tree_walk;
pub mod ex4_send_trait;
pub mod ex5_handlers;
pub mod ex6_retry;
