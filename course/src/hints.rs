//! Hints in the learner's language, in two levels: `cargo course hint ID`
//! prints the nudge (what to think about, no code that solves it) and says
//! how to ask for more; `cargo course hint ID --more` prints the fuller hint,
//! code included. Both come from `lessons/lessonNN/hints.zh-CN.toml` when the
//! locale is Chinese, and from `exercises.toml` (`hint` and `more`)
//! otherwise.
//!
//! `hints.zh-CN.toml` holds the lesson's Chinese title and one table per
//! exercise id, with the same two levels as `exercises.toml`:
//!
//! ```toml
//! title = "协程"
//!
//! ["01-1"]
//! title = "倒计时 future"
//! hint = """…"""   # the nudge
//! more = """…"""   # the fuller hint
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The file of Chinese hints, in a lesson's folder.
pub const FILE: &str = "hints.zh-CN.toml";

/// One exercise's title and hints, in Chinese.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub title: String,
    /// The nudge, as `hint` in `exercises.toml`.
    pub hint: String,
    /// The fuller hint, as `more` in `exercises.toml`.
    pub more: String,
}

/// How much of a hint a learner asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// `cargo course hint ID`: the nudge.
    Nudge,
    /// `cargo course hint ID --more`: the fuller hint.
    More,
}

pub use courseinfo::locale::chinese_locale;

/// Every Chinese hint of the lesson in `dir`, by exercise id; empty if the
/// lesson has no `hints.zh-CN.toml`.
pub fn load(dir: &Path) -> Result<BTreeMap<String, Hint>, String> {
    Ok(read(dir)?.hints)
}

/// The lesson's Chinese title (the chapter's, `协程`), if its
/// `hints.zh-CN.toml` gives one.
pub fn lesson_title(dir: &Path) -> Option<String> {
    read(dir).ok()?.title
}

#[derive(Debug, Default, Deserialize)]
struct HintsFile {
    title: Option<String>,
    #[serde(flatten)]
    hints: BTreeMap<String, Hint>,
}

fn read(dir: &Path) -> Result<HintsFile, String> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Ok(HintsFile::default());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Why `nudge` shows code rather than pointing at it, or `None` if it
/// does not. A nudge may name things (`tokio::spawn`, `Poll::Pending`,
/// `select!`), but a backticked span with `(`, `)`, `{`, `}`, `;` or `=` in
/// it is code, not a name; so is, outside backticks, a brace, an `=>` or an
/// `=` between spaces, or a line indented as a code block.
pub fn code_in_nudge(nudge: &str) -> Option<String> {
    for (n, piece) in nudge.split('`').enumerate() {
        let in_backticks = n % 2 == 1;
        if in_backticks {
            if let Some(c) = piece.chars().find(|c| "(){};=".contains(*c)) {
                return Some(format!(
                    "`{piece}` is code (it has {c:?}); name the tool instead"
                ));
            }
        } else if let Some(what) = ["{", "}", "=>", " = "]
            .into_iter()
            .find(|m| piece.contains(m))
        {
            return Some(format!("{what:?} outside backticks is code: {piece:?}"));
        }
    }
    nudge
        .lines()
        .find(|l| l.starts_with("    ") || l.starts_with('\t') || l.trim_start().starts_with("```"))
        .map(|l| format!("the line {l:?} is a code block"))
}

#[cfg(test)]
mod tests {
    use super::code_in_nudge;

    /// Names pass; calls, blocks, statements and assignments do not.
    #[test]
    fn a_nudge_may_name_things_but_not_show_code() {
        for fine in [
            "Look in `tokio::task` for the function; it gives a `JoinHandle`.",
            "`Poll::Ready` or `Poll::Pending`, and `select!` (a macro).",
            "A `&mut` slot; `if ...` on a branch; `str::len` counts bytes.",
            "两步：先 `fill_buf`，再 `consume`（它不取走）。",
        ] {
            assert_eq!(code_in_nudge(fine), None, "{fine:?} names things only");
        }
        for code in [
            "call `cx.waker().wake_by_ref()` first",
            "`let x = 1` then go on",
            "`loop { tick }`",
            "`drop(tx);`",
            "match e { A => b }",
            "then x = y, and so on",
            "like this:\n    tokio::spawn(job)",
            "```rust\nfoo\n```",
        ] {
            assert!(code_in_nudge(code).is_some(), "{code:?} shows code");
        }
    }
}
