//! The course tool, as a library so that its own tests can drive it.
//!
//! `cargo course` (an alias in `.cargo/config.toml`) grades every lesson and
//! says what to do next; `cargo course verify` is the maintainers' check that
//! every exercise test fails on the unsolved lesson and passes on its
//! solution. Both rest on the same two steps: build a lesson's test binaries
//! with cargo, then run them under a time limit and read back what each test
//! said.
//!
//! # Layout
//! - [`workspace`]: where the course is and which lessons it has.
//! - [`grade`]: build and run a crate's tests, and read their results.
//! - [`verify`]: the maintainers' check.
//! - [`wrong`]: wrong answers the grader must reject, and [`fixture`], the
//!   throwaway workspaces they are graded in.
//! - [`progress`]: the learner's table of exercises.
//! - [`watch`]: re-grading on every save.
//! - [`reset`]: putting one exercise back as it was.
//! - [`book`]: the book, built with mdBook as a library.
//! - [`bookcheck`]: checks of the built book that mdBook does not make.
//! - [`i18n`]: the Chinese edition's translation checks; [`hints`], hints
//!   in Chinese when the locale is Chinese; [`htmltext`], the text of raw HTML
//!   in the pages, translated too.
//! - [`ui`]: colour and width.

pub mod book;
pub mod bookcheck;
pub mod fixture;
pub mod grade;
pub mod hints;
pub mod htmltext;
pub mod i18n;
pub mod progress;
pub mod reset;
pub mod ui;
pub mod verify;
pub mod watch;
pub mod workspace;
pub mod wrong;
