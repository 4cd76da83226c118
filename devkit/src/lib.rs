//! The maintainers' side of the course tool: what a learner never needs to
//! build. `cargo course` runs this crate's program for the commands that
//! need it (`book`, `verify`, `wrong`, `po`, `stubs`, `check-book`,
//! `check-book-browser`, `measure-build`, `new-lesson`), so the learner's tool stays small.
//!
//! # Layout
//! - [`book`]: the book, built with mdBook as a library, in both editions;
//!   [`exercise_pages`], the exercises as shipped in it.
//! - [`bookcheck`]: checks of the built book that mdBook does not make.
//! - [`search`]: the search index, made to find Chinese; [`heading_ids`],
//!   the Chinese edition's sections under their English ids.
//! - [`i18n`]: the Chinese edition's translation checks; [`htmltext`], the
//!   text of raw HTML in the pages, translated too.
//! - [`verify`]: every exercise test fails unsolved and passes solved.
//! - [`wrong`]: wrong answers the grader must reject.
//! - [`stubs`]: every lesson's exercise files, as made from the solutions.
//! - [`measure`]: what the learner's first build costs.
//! - [`new_lesson`]: the files of a new lesson, in both editions.

pub mod book;
pub mod bookcheck;
pub mod exercise_pages;
pub mod heading_ids;
pub mod htmltext;
pub mod i18n;
pub mod measure;
pub mod new_lesson;
pub mod search;
pub mod stubs;
pub mod verify;
pub mod wrong;
