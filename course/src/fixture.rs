//! Throwaway copies of the workspace, for checks that must change a
//! lesson's files without touching the learner's: the tool's own tests,
//! and the wrong-answer check.
//!
//! A copy holds the named lessons and their solutions, the crates they
//! share ([`SHARED`]), the lock file and a root manifest whose members are
//! just those; it lives under
//! `target/course-fixtures/` and builds into one folder shared by every
//! copy. Cargo names a member's artifacts by its path inside its workspace,
//! the same in every copy, so copies must be built one after another.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's crates the lessons depend on by path (root
/// `[workspace.dependencies]`): courseinfo (the `exercises.toml` schema,
/// through testkit), testkit (their tests), lessonkit (their programs) and
/// workspace-hack (every member's one feature set). Every copy needs them.
pub const SHARED: [&str; 4] = ["courseinfo", "testkit", "lessonkit", "workspace-hack"];

/// A copy of the workspace at `root`, named `name`, holding `lessons`
/// (folder names such as `lesson01`) with every exercise as shipped (made
/// from its solution, whatever the learner has done to the real one). It is
/// committed to a fresh git repository, as a learner's clone would be.
pub fn create(root: &Path, name: &str, lessons: &[&str]) -> Result<PathBuf, String> {
    let dir = root.join("target/course-fixtures").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for shared in SHARED {
        copy_dir(&root.join(shared), &dir.join(shared))?;
    }
    for lesson in lessons {
        for folder in ["lessons", "solutions"] {
            copy_dir(
                &root.join(folder).join(lesson),
                &dir.join(folder).join(lesson),
            )?;
        }
    }
    let members: Vec<String> = lessons
        .iter()
        .flat_map(|l| [format!("lessons/{l}"), format!("solutions/{l}")])
        .chain(SHARED.map(String::from))
        .collect();
    let packages: Vec<String> = lessons
        .iter()
        .flat_map(|l| [l.to_string(), format!("{l}-solution")])
        .chain(SHARED.map(String::from))
        .collect();
    let manifest = built_once(manifest(root, &dir, &members, None)?, &packages);
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    for found in crate::workspace::lessons(&dir)? {
        for ex in &found.lesson.exercises {
            std::fs::write(found.dir.join(&ex.file), crate::shipped::text(&found, ex)?)
                .map_err(|e| format!("{}: {e}", ex.file))?;
        }
    }
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-q", "-m", "as shipped"],
    ] {
        let out = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .env("GIT_AUTHOR_NAME", "course")
            .env("GIT_AUTHOR_EMAIL", "course@example.invalid")
            .env("GIT_COMMITTER_NAME", "course")
            .env("GIT_COMMITTER_EMAIL", "course@example.invalid")
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(dir)
}

/// The root manifest of a copy at `copy` of the workspace at `root`: the
/// workspace's own, with `members` (paths inside the copy) as its members
/// and no default members, and its lock file copied beside it. With
/// `shared_outside` (the workspace's root), the copy's [`SHARED`]
/// dependencies are the workspace's own folders instead of ones inside the
/// copy.
pub fn manifest(
    root: &Path,
    copy: &Path,
    members: &[String],
    shared_outside: Option<&Path>,
) -> Result<String, String> {
    std::fs::copy(root.join("Cargo.lock"), copy.join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let members: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    Ok(manifest
        .lines()
        .filter(|l| !l.starts_with("default-members"))
        .map(|l| {
            let shared = SHARED.iter().find(|s| l.starts_with(&format!("{s} = ")));
            match (shared, shared_outside) {
                _ if l.starts_with("members") => format!("members = [{}]", members.join(", ")),
                (Some(name), Some(root)) => {
                    let path = root.join(name).display().to_string().replace('\\', "/");
                    format!("{name} = {{ path = '{path}' }}")
                }
                _ => l.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

/// `manifest` with rustc's incremental cache turned off for `packages`
/// (package names): for a copy that is built a few times, not edited all
/// day, the cache is disk spent for nothing (tens of MB a test binary).
/// Only the named packages: a setting for every package would change how
/// the shared crates build, and rebuild them in the workspace's target.
/// A package already named (a copy of a copy) is left as it is.
pub fn built_once(mut manifest: String, packages: &[String]) -> String {
    let note =
        "\n# A copy built a few times: no incremental cache (course::fixture::built_once).\n";
    for package in packages {
        let section = format!("[profile.dev.package.{package}]\n");
        if manifest.contains(&section) {
            continue;
        }
        if !manifest.contains(note) {
            manifest.push_str(note);
        }
        manifest.push_str(&format!("{section}incremental = false\n"));
    }
    manifest
}

/// The build folder every copy shares.
pub fn target_dir(root: &Path) -> PathBuf {
    root.join("target/course-fixtures/target")
}

/// Copies a folder and everything below it, but for what a learner's work
/// leaves beside the course's files: `reset`'s backups (`*.backup-*`) and
/// build folders (`target`). A copy is of the course, not of the learner's
/// leftovers (a backup in a copy once turned the tool's own test red).
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from)
        .map_err(|e| format!("{}: {e}", from.display()))?
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.contains(".backup-") || name == "target" {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(&path, to.join(entry.file_name()))
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Makes `to` a copy of `from`, leaving out what [`copy_dir`] leaves out
/// and the files at the paths `skip` (relative to `from`; the caller
/// writes those), but writing only the files that differ and deleting
/// those that `from` no longer has. An unchanged file keeps its time, so
/// cargo does not rebuild a copy that is already up to date.
pub fn sync_dir(from: &Path, to: &Path, skip: &[&str]) -> Result<(), String> {
    sync_below(from, to, Path::new(""), skip)
}

fn sync_below(from: &Path, to: &Path, inside: &Path, skip: &[&str]) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let skipped = |here: &Path| skip.iter().any(|s| Path::new(s) == here);
    let mut kept = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(from)
        .map_err(|e| format!("{}: {e}", from.display()))?
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name();
        let shown = name.to_string_lossy();
        if shown.contains(".backup-") || shown == "target" {
            continue;
        }
        let here = inside.join(&name);
        kept.insert(name.clone());
        if path.is_dir() {
            sync_below(&path, &to.join(&name), &here, skip)?;
        } else if !skipped(&here) {
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            write_bytes_if_changed(&to.join(&name), &bytes)?;
        }
    }
    for entry in std::fs::read_dir(to)
        .map_err(|e| format!("{}: {e}", to.display()))?
        .flatten()
    {
        let name = entry.file_name();
        if kept.contains(&name) || skipped(&inside.join(&name)) {
            continue;
        }
        let path = entry.path();
        let gone = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        gone.map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes `text` to `path` unless it holds it already (see [`sync_dir`]).
pub fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    write_bytes_if_changed(path, text.as_bytes())
}

fn write_bytes_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A backup left by `reset` and a build folder stay behind; the rest
    /// is copied.
    #[test]
    fn a_copy_leaves_the_learners_leftovers_behind() {
        let base = std::env::temp_dir().join(format!("fixture-copy-{}", std::process::id()));
        let from = base.join("from");
        std::fs::create_dir_all(from.join("src")).unwrap();
        std::fs::create_dir_all(from.join("target")).unwrap();
        std::fs::write(from.join("src/ex1.rs"), "x").unwrap();
        std::fs::write(from.join("src/ex1.rs.backup-1796088802"), "mine").unwrap();
        copy_dir(&from, &base.join("to")).unwrap();
        assert!(base.join("to/src/ex1.rs").is_file());
        assert!(!base.join("to/src/ex1.rs.backup-1796088802").exists());
        assert!(!base.join("to/target").exists());
        let _ = std::fs::remove_dir_all(&base);
    }

    /// A sync writes what changed, keeps skipped files, and deletes what
    /// the source no longer has.
    #[test]
    fn a_sync_writes_what_changed_and_deletes_what_went() {
        let base = std::env::temp_dir().join(format!("fixture-sync-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        std::fs::create_dir_all(from.join("src")).unwrap();
        std::fs::write(from.join("src/a.rs"), "a").unwrap();
        std::fs::write(from.join("src/ex1.rs"), "solved").unwrap();
        sync_dir(&from, &to, &[]).unwrap();
        std::fs::write(to.join("src/ex1.rs"), "mine").unwrap();
        std::fs::write(to.join("src/old.rs"), "gone").unwrap();
        std::fs::write(from.join("src/a.rs"), "b").unwrap();
        sync_dir(&from, &to, &["src/ex1.rs"]).unwrap();
        assert_eq!(std::fs::read_to_string(to.join("src/a.rs")).unwrap(), "b");
        assert_eq!(
            std::fs::read_to_string(to.join("src/ex1.rs")).unwrap(),
            "mine"
        );
        assert!(!to.join("src/old.rs").exists());
        let _ = std::fs::remove_dir_all(&base);
    }
}
