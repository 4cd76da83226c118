//! Exercise 07-3: the name check.
//!
//! A name is shown to every other client, before each of its messages, so
//! the server decides what a name may be. Trim the spaces around it. Then
//! refuse it, in this order, if it is
//! - empty: `BadName::Empty`;
//! - longer than `max` characters (characters, not bytes: `é` is one
//!   character but two bytes of UTF-8): `BadName::TooLong`;
//! - holding a character that is not seen: a control character
//!   (`char::is_control`: a newline would forge a second line in other
//!   clients' windows, an escape sequence would clear or recolour their
//!   terminal), an invisible format character (`lessonkit::is_invisible`:
//!   a zero-width space makes `ann\u{200B}` look exactly like `ann`, a
//!   right-to-left override makes the rest read backwards), or one of the
//!   joiners U+200C and U+200D, which `is_invisible` lets through for the
//!   scripts and emoji that need them but which hide just as well in a
//!   name: `BadName::Unseen`;
//! - starting with `*` or `!`, which begin the server's own lines (a
//!   client named `* server` could say `* server: you have been kicked`);
//!   further in, they are harmless: `BadName::ServerMark`;
//! - holding a colon anywhere: every message reads `NAME: TEXT`, so
//!   `ann: really` saying `hi` would read as ann saying `really: hi`:
//!   `BadName::Colon`;
//! - in `taken` (which holds names in lower case: `Bob` may not pose as
//!   `bob`): `BadName::Taken`.
//!
//! Otherwise return the trimmed name as typed (not lower-cased).
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex3`.

use std::collections::HashSet;

use lessonkit::is_invisible;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty,
    TooLong,
    Unseen,
    ServerMark,
    Colon,
    Taken,
}

pub fn check_name(asked: &str, max: usize, taken: &HashSet<String>) -> Result<String, BadName> {
    // TODO: trim, then the six checks above, in order.
    let unseen =
        |c: char| c.is_control() || is_invisible(c) || matches!(c, '\u{200C}' | '\u{200D}');
    let name = asked.trim();
    if name.is_empty() {
        Err(BadName::Empty)
    } else if name.chars().count() > max {
        Err(BadName::TooLong)
    } else if name.chars().any(unseen) {
        Err(BadName::Unseen)
    } else if name.starts_with(['*', '!']) {
        Err(BadName::ServerMark)
    } else if name.contains(':') {
        Err(BadName::Colon)
    } else if taken.contains(&name.to_lowercase()) {
        Err(BadName::Taken)
    } else {
        Ok(name.to_string())
    }
}
