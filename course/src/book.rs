//! The book, built with mdBook as a library: a learner needs nothing
//! installed to read it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::workspace;

/// The built book's front page.
pub fn index(root: &Path) -> PathBuf {
    root.join("book/build/index.html")
}

/// Builds `book/` into `book/build/` and returns the front page.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    let book = mdbook_driver::MDBook::load(root.join("book"))
        .map_err(|e| format!("cannot load the book: {e:#}"))?;
    book.build()
        .map_err(|e| format!("cannot build the book: {e:#}"))?;
    Ok(index(root))
}

/// Whether the built book is missing or older than anything it is made
/// from: its sources, or the lesson and solution files it includes.
pub fn is_stale(root: &Path) -> bool {
    let Some(built) = modified(&index(root)) else {
        return true;
    };
    ["book/src", "book/book.toml", "lessons", "solutions", "seed"]
        .iter()
        .any(|p| workspace::newest(&root.join(p)).is_some_and(|t| t > built))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
