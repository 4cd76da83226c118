//! Plumbing the lessons' programs share, so that a lesson's own modules
//! hold the lesson and little else. One module per job:
//!
//! - [`output`]: [`say!`] and [`Stdout`], `println!` and standard output
//!   that end the program quietly when its reader has gone (`cargo run -p
//!   lesson02 | head`), instead of panicking or failing.
//! - [`args`]: the command line. [`Args`] reads options with lexopt and
//!   checks their values ([`number`]: the range the message names);
//!   [`bad_argument`] turns a bad one into one line and exit status 2.
//! - [`memory`]: this process's resident memory and its peak (Linux's
//!   `/proc/self/status`; unknown elsewhere).
//! - [`cpu`]: this process's CPU time and how busy the machine was (Linux;
//!   unknown elsewhere).
//! - [`process`]: the same program again in a fresh child process, so a
//!   measurement's memory is its own ([`run_self`], [`Ended`]), and a
//!   command whose failure is an error ([`process::run`]).
//! - [`figures`]: [`median`], and [`duration`] and [`bytes`] written for
//!   people.
//! - [`text`]: [`printable`], text a peer sent, with control characters,
//!   bidi controls and invisible characters escaped before a terminal sees
//!   them (chapter 2 shows it: escaping is part of reading from a network).
//! - [`python`]: a Python interpreter of at least a given version, and a
//!   virtual environment made with it, for a lesson that runs Python beside
//!   Rust.
//! - [`server`]: a server program a lesson starts for real (Redis,
//!   PostgreSQL), found on `PATH` or where its package puts it, and the one
//!   line that says how to install it.
//!
//! Apart from [`printable`], none of it is what the course teaches, and the
//! lessons' chapters do not show it. What the lessons call most is also
//! named at the crate's root (`lessonkit::number`, `lessonkit::printable`).

pub mod args;
pub mod cpu;
pub mod figures;
pub mod memory;
pub mod output;
pub mod process;
pub mod python;
pub mod server;
pub mod text;

pub use args::{Args, bad_argument, number};
pub use cpu::{cpu_time, load_average};
pub use figures::{bytes, duration, median};
pub use output::{Stdout, say_line};
pub use process::{Ended, run_self};
pub use text::{is_invisible, printable, printable_bytes};
