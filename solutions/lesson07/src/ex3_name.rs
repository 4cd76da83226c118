//! Exercise 07-3: the name check.
//!
//! A name is shown to every other client, before each of its messages, so
//! the server decides what a name may be. Trim the spaces around it. Then
//! refuse it, in this order, if it is
//! - empty: `BadName::Empty`;
//! - longer than `max` characters (characters, not bytes: `é` is one
//!   character but two bytes of UTF-8): `BadName::TooLong`;
//! - holding any control character (`char::is_control`): a newline would
//!   forge a second line in other clients' windows, an escape sequence
//!   would clear or recolour their terminal: `BadName::Control`;
//! - in `taken` (which holds names in lower case: `Bob` may not pose as
//!   `bob`): `BadName::Taken`.
//!
//! Otherwise return the trimmed name as typed (not lower-cased).
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex3`.

use std::collections::HashSet;

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty,
    TooLong,
    Control,
    Taken,
}

pub fn check_name(asked: &str, max: usize, taken: &HashSet<String>) -> Result<String, BadName> {
    // TODO: trim, then the four checks above, in order.
    let name = asked.trim();
    if name.is_empty() {
        Err(BadName::Empty)
    } else if name.chars().count() > max {
        Err(BadName::TooLong)
    } else if name.chars().any(char::is_control) {
        Err(BadName::Control)
    } else if taken.contains(&name.to_lowercase()) {
        Err(BadName::Taken)
    } else {
        Ok(name.to_string())
    }
}
