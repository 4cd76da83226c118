//! The course tool, as a library so that its own tests can drive it.
//!
//! `cargo course` (an alias in `.cargo/config.toml`) grades every lesson and
//! says what to do next. Grading is two steps: build a lesson's test binary
//! with cargo, then run it under a time limit and read back what each test
//! said. The maintainers' commands (the book, `verify`, `stubs`, `po`) live
//! in `devkit/`, which `cargo course` runs only when asked for them, so a
//! learner's first build stays small.
//!
//! # Layout
//! - [`workspace`]: where the course is and which lessons it has.
//! - [`shipped`]: an exercise as shipped, made from its solution.
//! - [`grade`]: build and run a crate's tests, and read their results.
//! - [`scratch`]: grading the other exercises while one does not compile.
//! - [`verdict`]: each exercise's tests read back into one verdict.
//! - [`table`]: the table of exercises the learner sees.
//! - [`next_step`]: which exercise to work on next, and what to say about it.
//! - [`overview`]: `cargo course [NN | NN-K]`, grading and all of the above.
//! - [`watch`]: re-grading on every save.
//! - [`reset`]: putting one exercise back as it was.
//! - [`fixture`]: throwaway copies of the workspace.
//! - [`hints`]: hints, in Chinese when the locale is Chinese; [`po`], the
//!   book's translations, which the exercise files' Chinese comes from.
//! - [`ui`]: colour and width.

pub mod fixture;
pub mod grade;
pub mod hints;
pub mod next_step;
pub mod overview;
pub mod po;
pub mod reset;
pub mod scratch;
pub mod shipped;
pub mod table;
pub mod ui;
pub mod verdict;
pub mod watch;
pub mod workspace;
