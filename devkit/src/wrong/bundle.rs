//! A lesson's wrong answers compiled into one crate: one build a lesson,
//! not one an answer.
//!
//! The bundle is the solution crate plus, for wrong answer N to exercise
//! K, a module `wrong_N` that re-exports the whole crate (`pub use
//! super::*`) but for exercise K's module, which is the solution's file
//! with the mistake. Its grader has one module per answer: the lesson's
//! `tests/exercises.rs` with `lessonNN::` read as `lessonNN::wrong_N::`,
//! keeping of its exercise modules only K's and any that name K's module.
//! Each answer's tests then run as a process of their own (`wrong_N::` is
//! the filter), so one answer's crash or hang reaches no other.
//!
//! It proves what a slot proves (see the parent module) for the answers it
//! takes. An exercise whose module another exercise's file or a lesson
//! module names could pass the mistake on, which only a whole copy shows:
//! its answers go to slots, as does an answer that does not compile here
//! (a slot says whether it compiles at all) and every answer of a lesson
//! graded in Python (its module is built by maturin, not by cargo test).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use course::fixture;
use course::grade::{self, Run, TestResult};
use course::scratch;
use course::workspace::LessonOnDisk;
use courseinfo::ExerciseInfo;

use super::{Variant, Verdicts, judge};

/// The package every bundle is, inside its scratch workspace.
const PACKAGE_DIR: &str = "wrong/bundle";

/// How many answers' test processes run at once: they mostly wait on the
/// paused clock or on 127.0.0.1, so twice the cores, at most 8.
fn at_once() -> usize {
    std::thread::available_parallelism().map_or(2, |n| (usize::from(n) * 2).clamp(2, 8))
}

/// The environment a bundled answer's tests run in: each test's real-time
/// limit (testkit's `COURSE_TEST_TIMEOUT`) cut from 10 s to 3 s, unless the
/// caller set one. The tests a bundle runs are cargo's, on the paused clock
/// or 127.0.0.1, and finish in milliseconds when right; what the cut saves
/// is the wait on answers that spin until their limit (lesson 07's check,
/// warm on 2 cores: 18.7 s with 10 s, 10.9 s with 3 s). Slots keep 10 s:
/// they run every exercise, lesson 08's Python ones among them, which take
/// seconds.
fn answer_env() -> &'static [(&'static str, &'static str)] {
    if std::env::var_os("COURSE_TEST_TIMEOUT").is_some() {
        &[]
    } else {
        &[("COURSE_TEST_TIMEOUT", "3")]
    }
}

/// Whether exercise `ex`'s wrong answers can be graded in the bundle: the
/// lesson is graded by cargo alone, and no file of the lesson or the
/// solution but the exercise's own and `lib.rs` names its module.
pub fn takes(found: &LessonOnDisk, ex: &ExerciseInfo) -> bool {
    if found.lesson.python.is_some() {
        return false;
    }
    let module = ex.module();
    let own = Path::new(&ex.file).file_name();
    [found.dir.join("src"), found.solution_dir.join("src")]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| p.file_name() != own && p.file_name().is_some_and(|n| n != "lib.rs"))
        .all(|p| std::fs::read_to_string(&p).is_ok_and(|t| !names(&t, module)))
}

/// Whether `text` holds `word` as a whole word.
fn names(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Grades `variants` (index in `wrong.toml`, variant) in one bundle.
/// Returns the verdicts, and the indices of the answers the bundle could
/// not compile, for slots to grade.
pub fn grade(
    root: &Path,
    found: &LessonOnDisk,
    variants: &[(usize, &Variant)],
) -> Result<(Verdicts, Vec<usize>), String> {
    let ws = root
        .join("target/course-scratch")
        .join(format!("bundle-lesson{}", found.lesson.number));
    let mut left: Vec<(usize, &Variant)> = variants.to_vec();
    let mut to_slots = Vec::new();
    let target = scratch::target_dir(root);
    let package = package_of(found);
    let binaries = loop {
        if left.is_empty() {
            return Ok((BTreeMap::new(), to_slots));
        }
        write(root, &ws, found, &left)?;
        match grade::build_targets(
            &ws,
            target.as_deref(),
            std::slice::from_ref(&package),
            &["exercises"],
        ) {
            Ok(binaries) => break binaries,
            Err(errors) => {
                let blamed: Vec<usize> = errors
                    .iter()
                    .filter_map(|e| e.at.as_ref().and_then(|(file, _)| answer_of(file)))
                    .collect();
                let before = left.len();
                left.retain(|(n, _)| !blamed.contains(n));
                if left.len() == before {
                    // Nothing to blame on one answer: let slots grade them all.
                    to_slots.extend(left.iter().map(|(n, _)| *n));
                    return Ok((BTreeMap::new(), to_slots));
                }
                to_slots.extend(blamed);
            }
        }
    };
    let binary = binaries
        .into_iter()
        .find(|b| b.package == package)
        .ok_or_else(|| format!("lesson {}: the bundle built no grader", found.lesson.number))?;
    // A few runners take the answers in turn, so one slow answer (a wrong
    // answer that spins until its time limit) holds up no other.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let runs: Vec<(usize, &Variant, Run)> = std::thread::scope(|s| {
        let runners: Vec<_> = (0..at_once().min(left.len()))
            .map(|_| {
                let (ws, binary, left, next) = (&ws, &binary, &left, &next);
                s.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&(n, v)) = left.get(i) else {
                            break done;
                        };
                        done.push((n, v, run_one(ws, binary, n)));
                    }
                })
            })
            .collect();
        runners
            .into_iter()
            .flat_map(|h| h.join().expect("a test runner panicked"))
            .collect()
    });
    let mut verdicts = BTreeMap::new();
    for (n, v, run) in runs {
        let kept = kept_modules(found, &v.exercise);
        verdicts.insert(n, (v.label.clone(), judge(found, &v.exercise, &run, &kept)));
    }
    Ok((verdicts, to_slots))
}

/// Runs answer `n`'s tests and names them as the lesson's grader does.
fn run_one(ws: &Path, binary: &grade::Binary, n: usize) -> Run {
    let prefix = format!("{}::", module_of(n));
    let (tests, stopped) =
        grade::run_binary(ws, binary, std::slice::from_ref(&prefix), answer_env());
    let tests = tests
        .into_iter()
        .filter_map(|t| {
            let name = t.name.strip_prefix(&prefix)?.to_string();
            Some(TestResult { name, ..t })
        })
        .collect();
    let timed_out = if stopped {
        vec![binary.name.clone()]
    } else {
        Vec::new()
    };
    Run::Ran { tests, timed_out }
}

/// The bundle's package for `found`, `lessonNN-wrongs`.
fn package_of(found: &LessonOnDisk) -> String {
    format!("lesson{}-wrongs", found.lesson.number)
}

/// The module of wrong answer `n` (its index in `wrong.toml`).
fn module_of(n: usize) -> String {
    format!("wrong_{}", n + 1)
}

/// The wrong answer whose files hold `file` (as the compiler names it,
/// from the scratch workspace's root), if any.
fn answer_of(file: &str) -> Option<usize> {
    let rest = file.strip_prefix(PACKAGE_DIR)?.strip_prefix('/')?;
    let rest = rest
        .strip_prefix("src/wrong_")
        .map(|r| r.split('/').next().unwrap_or_default())
        .or_else(|| rest.strip_prefix("tests/wrong_")?.strip_suffix(".rs"))?;
    rest.parse::<usize>().ok()?.checked_sub(1)
}

/// The grader's exercise modules an answer to `exercise` runs: its own and
/// those that name it.
fn kept_modules(found: &LessonOnDisk, exercise: &str) -> Vec<String> {
    let grader = std::fs::read_to_string(found.dir.join("tests/exercises.rs")).unwrap_or_default();
    let Some(own) = found.lesson.exercise(exercise).map(|e| e.module()) else {
        return Vec::new();
    };
    found
        .lesson
        .exercises
        .iter()
        .map(|e| e.module())
        .filter(|m| *m == own || module_text(&grader, m).is_some_and(|t| names(t, own)))
        .map(String::from)
        .collect()
}

/// The text of `mod NAME { ... }` at the top level of a rustfmt'd file,
/// from its first line to its closing `}` alone on a line.
fn module_text<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let start = text.find(&format!("\nmod {name} {{\n"))? + 1;
    let end = text[start..]
        .find("\n}\n")
        .map_or(text.len(), |e| start + e + 3);
    Some(&text[start..end])
}

/// The grader for one answer: the lesson's, with `lessonNN::` read as the
/// answer's module of the bundle, and only the exercise modules it runs.
fn grader_for(found: &LessonOnDisk, grader: &str, n: usize, kept: &[String]) -> String {
    let mut text = grader.to_string();
    for ex in &found.lesson.exercises {
        let module = ex.module();
        if !kept.iter().any(|k| k == module)
            && let Some(body) = module_text(grader, module)
        {
            text = text.replacen(body, "", 1);
        }
    }
    let lib = format!("lesson{}", found.lesson.number);
    let answer = module_of(n);
    let text = text.replace(&format!("{lib}::"), &format!("crate::{answer}::{lib}::"));
    format!(
        "{text}\n/// This answer's copy of the lesson.\npub(crate) use ::{lib}::{answer} as {lib};\n"
    )
}

/// Writes the bundle's workspace for `variants`; files that did not change
/// keep their times, so a second run with nothing new builds nothing.
fn write(
    root: &Path,
    ws: &Path,
    found: &LessonOnDisk,
    variants: &[(usize, &Variant)],
) -> Result<(), String> {
    let lesson = format!("lessons/lesson{}", found.lesson.number);
    fixture::sync_dir(&found.dir, &ws.join(&lesson), &[])?;
    let pkg: PathBuf = ws.join(PACKAGE_DIR);
    let answer_dirs: Vec<String> = variants
        .iter()
        .map(|(n, _)| format!("src/{}", module_of(*n)))
        .collect();
    let mut skip: Vec<&str> = vec!["Cargo.toml", "src/lib.rs", "tests", "exercises.toml"];
    skip.extend(answer_dirs.iter().map(String::as_str));
    fixture::sync_dir(&found.solution_dir, &pkg, &skip)?;
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let grader = read(found.dir.join("tests/exercises.rs"))?;
    let mut lib = read(found.solution_dir.join("src/lib.rs"))?;
    let mut tests = String::from("//! One module per wrong answer (see devkit's wrong::bundle).\n");
    for (n, v) in variants {
        let ex = found
            .lesson
            .exercise(&v.exercise)
            .ok_or_else(|| format!("no exercise {}", v.exercise))?;
        let module = ex.module();
        let answer = module_of(*n);
        let (_, text) = v
            .files
            .iter()
            .find(|(file, _)| *file == ex.file)
            .ok_or_else(|| format!("no file {}", ex.file))?;
        fixture::write_if_changed(&pkg.join(format!("src/{answer}/{module}.rs")), text)?;
        lib.push_str(&format!(
            "\n#[allow(unused_imports)]\npub mod {answer} {{\n    pub use super::*;\n    pub mod {module};\n}}\n"
        ));
        let kept = kept_modules(found, &v.exercise);
        fixture::write_if_changed(
            &pkg.join(format!("tests/{answer}.rs")),
            &grader_for(found, &grader, *n, &kept),
        )?;
        tests.push_str(&format!("#[allow(dead_code, unused)]\nmod {answer};\n"));
    }
    fixture::write_if_changed(&pkg.join("src/lib.rs"), &lib)?;
    fixture::write_if_changed(&pkg.join("tests/exercises.rs"), &tests)?;
    // Stale answers' graders go.
    for entry in std::fs::read_dir(pkg.join("tests"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let wanted = name == "exercises.rs"
            || variants
                .iter()
                .any(|(n, _)| name == format!("{}.rs", module_of(*n)));
        if !wanted {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    fixture::write_if_changed(
        &pkg.join("exercises.toml"),
        &read(found.dir.join("exercises.toml"))?,
    )?;
    let manifest = read(found.solution_dir.join("Cargo.toml"))?;
    let package = package_of(found);
    let manifest = manifest_of(&manifest, &found.solution_package(), &package)?;
    fixture::write_if_changed(&pkg.join("Cargo.toml"), &manifest)?;
    let workspace = fixture::manifest(root, ws, &[PACKAGE_DIR.to_string()], Some(root))?;
    let workspace = fixture::built_once(workspace, &[package]);
    fixture::write_if_changed(&ws.join("Cargo.toml"), &workspace)
}

/// The solution's manifest as the bundle's: a slot's (see
/// `slot_manifest`), with one test target, the bundle's grader.
fn manifest_of(manifest: &str, solution: &str, package: &str) -> Result<String, String> {
    let slot = super::slot_manifest(manifest, solution, package)?;
    let mut doc: toml::Table = toml::from_str(&slot).map_err(|e| e.to_string())?;
    let mut test = toml::Table::new();
    test.insert("name".into(), "exercises".into());
    test.insert("path".into(), "tests/exercises.rs".into());
    doc.insert("test".into(), toml::Value::Array(vec![test.into()]));
    toml::to_string(&doc).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compiler error is blamed on the answer whose files hold it.
    #[test]
    fn errors_are_blamed_on_their_answer() {
        assert_eq!(answer_of("wrong/bundle/src/wrong_3/ex1_x.rs"), Some(2));
        assert_eq!(answer_of("wrong/bundle/tests/wrong_12.rs"), Some(11));
        assert_eq!(answer_of("wrong/bundle/src/lib.rs"), None);
        assert_eq!(answer_of("lessons/lesson01/src/x.rs"), None);
    }

    /// A module is cut out whole, and a name counts only as a whole word.
    #[test]
    fn modules_and_names() {
        let text = "use a;\nmod ex1_a {\n    fn f() {}\n}\nmod ex2_b {\n    ex1_a_b();\n}\n";
        assert_eq!(
            module_text(text, "ex1_a"),
            Some("mod ex1_a {\n    fn f() {}\n}\n")
        );
        assert!(!names(module_text(text, "ex2_b").unwrap(), "ex1_a"));
        assert!(names("x::ex1_a::f", "ex1_a"));
    }
}
