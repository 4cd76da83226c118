//! `cargo course reset ID`: put one exercise back as the course shipped it.
//!
//! The learner's version is never lost: it is copied to a backup next to
//! the file first, and only then is the file rewritten. The shipped version
//! is made from the solution (see [`crate::shipped`]), so neither git nor
//! the learner's commits matter. A file that differs from it only in line
//! endings (a Windows checkout's CRLF) is left alone, and a rewritten file
//! keeps the line endings it had. This is the only command that writes to
//! a learner's files.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::{shipped, workspace};

/// Resets exercise `id` (as a learner writes it: `01-2`, `1-2`); returns what
/// was done, for the learner.
pub fn reset(root: &Path, id: &str) -> Result<String, String> {
    let zh = courseinfo::locale::chinese_locale();
    let lessons = workspace::lessons(root)?;
    let (lesson, ex) = workspace::find_exercise(&lessons, id)?;
    let id = &ex.id;
    let relative = format!("{}/{}", lesson.lesson.folder, ex.file);
    let path = root.join(&relative);
    let mut shipped = shipped::text(lesson, ex)?;
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if shipped::same_text(&current, &shipped) {
        return Ok(if zh {
            format!("{relative} 已经是课程发布时的样子，无需重置。")
        } else {
            format!("{relative} is already as the course shipped it; nothing to do.")
        });
    }
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let backup = format!("{relative}.backup-{stamp}");
    std::fs::write(root.join(&backup), &current).map_err(|e| {
        format!("could not save your version to {backup} ({e}); nothing was changed")
    })?;
    if current.contains("\r\n") {
        shipped = shipped.replace('\n', "\r\n");
    }
    std::fs::write(&path, shipped).map_err(|e| {
        format!("could not rewrite {relative} ({e}); your version is safe in {backup}")
    })?;
    Ok(if zh {
        format!("练习 {id} 已恢复为未完成的样子：{relative}。\n你的版本保存在 {backup}。")
    } else {
        format!("Exercise {id} is unsolved again in {relative}.\nYour version is kept in {backup}.")
    })
}
