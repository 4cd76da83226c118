//! `cargo course stubs [--check]`: every lesson's exercise files, written
//! (or checked) from their solutions by the rule in [`course::shipped`].
//!
//! A maintainer edits an exercise in its solution's file (the task text, the
//! `// TODO:` comments, the answer) and runs `cargo course stubs`; `.ci/run`
//! runs `--check` on a clean clone, where the lessons must be exactly as
//! generated. A learner never runs either: both read and the first writes
//! the very files a learner edits.

use std::path::Path;

use course::{shipped, workspace};

/// Writes every exercise file that differs from its generated text (or,
/// with `check`, only lists them). Returns one line per file that differed.
pub fn run(root: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut differing = Vec::new();
    for found in workspace::lessons(root)? {
        for ex in &found.lesson.exercises {
            let want = shipped::text(&found, ex)?;
            let path = found.dir.join(&ex.file);
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            if have == want {
                continue;
            }
            let relative = format!("{}/{}", found.lesson.folder, ex.file);
            if check {
                differing.push(format!(
                    "{relative} is not as made from its solution (run cargo course stubs)"
                ));
            } else {
                std::fs::write(&path, &want).map_err(|e| format!("{relative}: {e}"))?;
                differing.push(format!("wrote {relative}"));
            }
        }
    }
    Ok(differing)
}
