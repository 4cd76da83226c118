//! Grading the other exercises while one does not compile.
//!
//! A lesson is one crate: one exercise that does not compile stops all of
//! them. So when the lesson fails to build, the compiler's errors are put
//! down to the exercises whose files (or whose modules of the grader) they
//! point at, and the lesson is built again in a scratch copy where just
//! those files are as shipped (see [`crate::shipped`]). The learner's files
//! are only read. An error that no exercise can be blamed for (in a file
//! the learner does not edit) still stops the whole lesson.
//!
//! The copy is its own workspace under `target/course-scratch/`, with the
//! lesson at `scratch/lessonNN` rather than `lessons/lessonNN`: cargo names
//! a workspace package's artifacts by its path inside its workspace, and a
//! different path keeps the copy from overwriting the real lesson's. It
//! builds into the real target folder, so every dependency is reused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use courseinfo::ExerciseInfo;

use crate::grade::{self, CompileError, Run};
use crate::shipped;
use crate::workspace::LessonOnDisk;

/// The exercise each error is to be blamed on, by id; `Err` with the first
/// error that no exercise can be blamed for.
pub fn blame<'a>(
    found: &'a LessonOnDisk,
    lesson_path: &str,
    errors: &[CompileError],
) -> Result<BTreeMap<&'a str, CompileError>, CompileError> {
    let grader = std::fs::read_to_string(found.dir.join("tests/exercises.rs")).unwrap_or_default();
    let mut blamed: BTreeMap<&str, CompileError> = BTreeMap::new();
    for error in errors {
        let ex = error
            .at
            .as_ref()
            .and_then(|(file, line)| exercise_at(found, lesson_path, &grader, file, *line));
        match ex {
            Some(ex) => {
                blamed
                    .entry(ex.id.as_str())
                    .or_insert_with(|| error.clone());
            }
            None => return Err(error.clone()),
        }
    }
    Ok(blamed)
}

/// The exercise whose file is `file`, or whose module of the grader holds
/// `line` of `file`; `lesson_path` is the lesson's folder as the compiler
/// names it (`lessons/lesson02`, or `scratch/lesson02` in the copy).
fn exercise_at<'a>(
    found: &'a LessonOnDisk,
    lesson_path: &str,
    grader: &str,
    file: &str,
    line: usize,
) -> Option<&'a ExerciseInfo> {
    let inside = file.strip_prefix(lesson_path)?.strip_prefix('/')?;
    if let Some(ex) = found.lesson.exercises.iter().find(|e| e.file == inside) {
        return Some(ex);
    }
    if inside != "tests/exercises.rs" {
        return None;
    }
    // The last `mod exK_name {` above the line.
    let module = grader
        .lines()
        .take(line)
        .filter_map(|l| l.strip_prefix("mod ")?.strip_suffix(" {"))
        .last()?;
    found.lesson.exercises.iter().find(|e| e.module() == module)
}

/// Grades lesson `found` with the exercises of `broken` put back as shipped,
/// and with every other exercise whose file then turns out not to compile
/// (a grader's module may only fail once the lesson builds); `broken` gains
/// those. Returns the run, or the errors no exercise can be blamed for.
pub fn grade_without<'a>(
    root: &Path,
    target: Option<&Path>,
    found: &'a LessonOnDisk,
    broken: &mut BTreeMap<&'a str, CompileError>,
) -> Run {
    let copy = match workspace(root, "grade", "scratch", &[found]) {
        Ok(copy) => copy,
        Err(e) => {
            return Run::CompileError(vec![CompileError {
                package: found.package(),
                at: None,
                rendered: e,
            }]);
        }
    };
    let target = target.map(Path::to_path_buf).or_else(|| target_dir(root));
    let lesson_path = format!("scratch/lesson{}", found.lesson.number);
    // Each round puts at least one more exercise back, so this ends.
    for _ in 0..=found.lesson.exercises.len() {
        for ex in &found.lesson.exercises {
            let learner = std::fs::read_to_string(found.dir.join(&ex.file)).unwrap_or_default();
            let text = if broken.contains_key(ex.id.as_str()) {
                shipped::text(found, ex).unwrap_or(learner)
            } else {
                learner
            };
            let _ = std::fs::write(copy.join(&lesson_path).join(&ex.file), text);
        }
        let binaries = match grade::build_targets(
            &copy,
            target.as_deref(),
            &[found.package()],
            &["exercises"],
        ) {
            Ok(binaries) => binaries,
            Err(errors) => match blame(found, &lesson_path, &errors) {
                Ok(more) if more.keys().any(|id| !broken.contains_key(id)) => {
                    for (id, error) in more {
                        broken.entry(id).or_insert(error);
                    }
                    continue;
                }
                _ => return Run::CompileError(errors),
            },
        };
        return grade::run_binaries(&copy, binaries.iter(), &found.grader_modules(), &[]);
    }
    unreachable!("every exercise put back as shipped compiles, or an error is not an exercise's")
}

/// A workspace of its own at `target/course-scratch/NAME`, holding
/// the manifest, the lock file and each lesson of `lessons` at
/// `FOLDER/lessonNN` (see the module's note on why not `lessons/`); testkit
/// and lessonkit stay where they are. Returns its folder.
pub fn workspace(
    root: &Path,
    name: &str,
    folder: &str,
    lessons: &[&LessonOnDisk],
) -> Result<PathBuf, String> {
    let copy = root.join("target/course-scratch").join(name);
    let mut members = Vec::new();
    for found in lessons {
        let path = format!("{folder}/lesson{}", found.lesson.number);
        // Kept from the last time, but for what changed: a lesson that is
        // already up to date is not rebuilt. The exercise files are the
        // caller's to write.
        let exercises: Vec<&str> = found
            .lesson
            .exercises
            .iter()
            .map(|e| e.file.as_str())
            .collect();
        crate::fixture::sync_dir(&found.dir, &copy.join(&path), &exercises)?;
        members.push(path);
    }
    // testkit and lessonkit stay where they are, outside the copy.
    let packages: Vec<String> = lessons.iter().map(|l| l.package()).collect();
    let manifest = crate::fixture::manifest(root, &copy, &members, Some(root))?;
    let manifest = crate::fixture::built_once(manifest, &packages);
    crate::fixture::write_if_changed(&copy.join("Cargo.toml"), &manifest)?;
    Ok(copy)
}

/// The workspace's own build folder, as cargo resolves it (it may be a
/// `CARGO_TARGET_DIR` shared by several clones); `None` if cargo cannot say.
pub fn target_dir(root: &Path) -> Option<PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .current_dir(root)
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .output()
        .ok()?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    meta["target_directory"].as_str().map(PathBuf::from)
}
