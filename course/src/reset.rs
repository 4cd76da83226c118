//! `cargo course reset ID`: put one exercise back as the course shipped it.
//!
//! The learner's version is never lost: it is copied to a backup next to
//! the file first, and only then is the file rewritten. The shipped version
//! comes from git: the newest committed version of the file that still has
//! its `todo!()`, so a learner who committed a solution still gets the
//! unsolved exercise back. This is the only command that writes to a
//! learner's files.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::workspace;

/// Resets exercise `id`; returns what was done, for the learner.
pub fn reset(root: &Path, id: &str) -> Result<String, String> {
    let lessons = workspace::lessons(root)?;
    let (lesson, ex) = lessons
        .iter()
        .find_map(|l| l.lesson.exercise(id).map(|ex| (l, ex)))
        .ok_or_else(|| format!("no exercise {id:?}"))?;
    let relative = format!("{}/{}", lesson.lesson.folder, ex.file);
    let path = root.join(&relative);
    let shipped = shipped_version(root, &relative)?;
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current == shipped {
        return Ok(format!(
            "{relative} is already as the course shipped it; nothing to do."
        ));
    }
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let backup = format!("{relative}.backup-{stamp}");
    std::fs::write(root.join(&backup), &current).map_err(|e| {
        format!("could not save your version to {backup} ({e}); nothing was changed")
    })?;
    std::fs::write(&path, shipped).map_err(|e| {
        format!("could not rewrite {relative} ({e}); your version is safe in {backup}")
    })?;
    Ok(format!(
        "Exercise {id} is unsolved again in {relative}.\nYour version is kept in {backup}."
    ))
}

/// The newest committed version of `relative` that still holds a `todo!(`.
fn shipped_version(root: &Path, relative: &str) -> Result<String, String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .map_err(|e| format!("cannot run git ({e}); reset needs the course's git history"))
    };
    let log = git(&["log", "--format=%H", "--", relative])?;
    if !log.status.success() {
        return Err(format!(
            "git cannot find the history of {relative}: {}",
            String::from_utf8_lossy(&log.stderr).trim()
        ));
    }
    for commit in String::from_utf8_lossy(&log.stdout).lines() {
        let show = git(&["show", &format!("{commit}:{relative}")])?;
        let text = String::from_utf8_lossy(&show.stdout);
        if show.status.success() && text.contains("todo!(") {
            return Ok(text.into_owned());
        }
    }
    Err(format!(
        "no committed version of {relative} with its todo!() was found"
    ))
}
