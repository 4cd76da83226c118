//! Lesson 08, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

use pyo3::prelude::*;

#[path = "../../../lessons/lesson08/src/awaitable.rs"]
pub mod awaitable;
#[path = "../../../lessons/lesson08/src/calls_python.rs"]
pub mod calls_python;
#[path = "../../../lessons/lesson08/src/cancel.rs"]
pub mod cancel;
#[path = "../../../lessons/lesson08/src/errors.rs"]
pub mod errors;
#[path = "../../../lessons/lesson08/src/fetch.rs"]
pub mod fetch;
#[path = "../../../lessons/lesson08/src/gil.rs"]
pub mod gil;

pub mod ex1_expose_async;
pub mod ex2_await_python;
pub mod ex3_release_the_gil;
pub mod ex4_convert_errors;
pub mod ex5_cancellable;

include!("../../../lessons/lesson08/src/module.rs");
