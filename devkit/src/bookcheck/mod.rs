//! Checks of the built book that mdBook does not make itself.
//!
//! mdBook reports a missing `{{#include}}` file, but an anchor that is
//! misspelled or a link to a page or heading that does not exist leaves only
//! a broken page behind. After `mdbook build book`, this reads every page of
//! `book/build` and reports:
//! - any `{{#` left in a page: an include or other directive mdBook did not
//!   resolve;
//! - any link to another page of the book that does not exist, or to a
//!   `#fragment` that the target page has no `id` for;
//! - (from the sources) any `{{#include FILE:ANCHOR}}` whose anchor is not in
//!   the file: mdBook includes nothing for it, without a word;
//! - (from the sources) any anchor of a Rust or Python file whose brackets
//!   do not balance outside strings and comments: code cut off mid-function;
//! - any id of an English page missing on its Chinese twin, where the
//!   language switch would drop the reader at the top.
//!
//! In headless Chromium ([`check_in_browser`]) it also checks what only a
//! browser shows: highlighting, the search box (Chinese words included), the
//! language switch keeping the section, and Chinese drawn in a real font.

mod balance;
mod browser;
mod english;
mod html;
mod links;
mod sources;

pub use browser::{check_chinese_glyphs, check_chinese_in_browser, check_in_browser};
pub use english::english_paragraphs;
pub use links::{check, check_editions};
pub use sources::check_includes;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use html::attribute_values;

/// The Chinese edition's folder under the build folder.
const CHINESE: &str = crate::book::CHINESE;

fn html_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    files_with(dir, "html")
}

/// Every file under `dir` whose name ends in `.extension`.
fn files_with(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            out.extend(files_with(&path, extension)?);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}
