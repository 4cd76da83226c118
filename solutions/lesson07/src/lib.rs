//! Lesson 07, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson07/src/chat.rs"]
pub mod chat;
#[path = "../../../lessons/lesson07/src/limits.rs"]
pub mod limits;
#[path = "../../../lessons/lesson07/src/logs.rs"]
pub mod logs;
#[path = "../../../lessons/lesson07/src/measure.rs"]
pub mod measure;
#[path = "../../../lessons/lesson07/src/server.rs"]
pub mod server;
#[path = "../../../lessons/lesson07/src/step1_echo.rs"]
pub mod step1_echo;
#[path = "../../../lessons/lesson07/src/step2_room.rs"]
pub mod step2_room;
#[path = "../../../lessons/lesson07/src/step3_names.rs"]
pub mod step3_names;
#[path = "../../../lessons/lesson07/src/web.rs"]
pub mod web;

pub mod ex1_select;
pub mod ex2_lagged;
pub mod ex3_name;
pub mod ex4_rate_limit;
pub mod ex5_shutdown;
