//! Wrong answers the grader must reject.
//!
//! A test that a trivial or half-right answer passes teaches nothing. Each
//! lesson's solution folder may hold a `wrong.toml`: mistakes a learner
//! could plausibly make, each written as one edit of the solution. For each
//! one, this check grades a copy of the solution crate that is right but
//! for that one mistake, and demands that its exercise fails (as "not right
//! yet", "panicked" or "timed out": the code compiles, and the tests, not
//! the compiler, must catch it) while every other passes.
//!
//! # How it stays fast
//! Most answers are graded in a *bundle* (`bundle`): all of a lesson's
//! answers compiled into one crate, each a module of its own, so a lesson
//! costs one build and each answer one run of the shared test binary
//! (measured on 2 cores: the whole check 228 s with slots only, 118 s with
//! bundles; `cargo course measure-build` reports it).
//!
//! The rest, and any the bundle cannot compile, are graded in *slots*: a
//! copy of the solution crate, a package of its own, in one scratch
//! workspace per lesson (`target/course-scratch/wrong-lessonNN`), built
//! into the workspace's own target folder, so every dependency is the
//! solutions' build. A slot is reused for one wrong answer after another:
//! only its exercise files change, so rustc's incremental cache recompiles
//! just the edited function (lesson 07: about 1 s of CPU a wrong answer,
//! against 5.6 s to build a fresh copy, measured on 2 cores). One cargo
//! call builds a round of slots at once, as many as the machine has cores;
//! while the next round builds, the previous round's test binaries run
//! (they mostly wait on the paused clock or on 127.0.0.1), in a second
//! group of slots that this round leaves alone. Nothing depends on what
//! the wrong answers are: each is the whole solution with its edit,
//! compiled as a crate of its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use serde::Deserialize;

mod bundle;

use course::fixture;
use course::grade::{self, Run, Status, TestResult};

use course::scratch;
use course::workspace::LessonOnDisk;
use courseinfo::Outcome;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrongFile {
    wrong: Vec<Wrong>,
}

/// One mistake: in exercise `exercise`'s solution file, `replace` becomes `with`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wrong {
    pub exercise: String,
    /// The mistake in a few words, for the report.
    pub mistake: String,
    /// Text that occurs exactly once in the solution file.
    pub replace: String,
    pub with: String,
}

/// The wrong answers listed for a lesson (none if it has no `wrong.toml`).
pub fn listed(found: &LessonOnDisk) -> Result<Vec<Wrong>, String> {
    let path = found.solution_dir.join("wrong.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let file: WrongFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.wrong)
}

/// Each wrong answer's label and verdict, by its index in `wrong.toml`.
type Verdicts = BTreeMap<usize, (String, Result<(), String>)>;

/// Slot groups: one builds while the other's tests run.
const GROUPS: usize = 2;

/// A wrong answer made ready to grade: the solution's exercise files, one
/// of them with the mistake.
struct Variant {
    label: String,
    exercise: String,
    /// Every exercise file, by its path inside the crate, with its text.
    files: Vec<(String, String)>,
}

/// Checks every wrong answer of one lesson. Returns one line per wrong
/// answer that was rightly rejected, and the problems.
pub fn check(root: &Path, found: &LessonOnDisk) -> (Vec<String>, Vec<String>) {
    // A lesson this machine cannot grade (no Python for lesson 08).
    if let Some(why) = found.missing() {
        return (vec![why], Vec::new());
    }
    match listed(found) {
        Ok(wrongs) => check_answers(root, found, &wrongs, true),
        Err(e) => (Vec::new(), vec![e]),
    }
}

/// Checks `wrongs` as answers to lesson `found`, as [`check`] does the
/// listed ones; with `bundle` false, every answer in a slot of its own.
/// The tests use it to show the check failing on a harmless edit.
pub fn check_answers(
    root: &Path,
    found: &LessonOnDisk,
    wrongs: &[Wrong],
    bundle: bool,
) -> (Vec<String>, Vec<String>) {
    let mut verdicts: Verdicts = BTreeMap::new();
    let mut variants = Vec::new();
    for (n, wrong) in wrongs.iter().enumerate() {
        let label = format!(
            "wrong answer {} to {} ({})",
            n + 1,
            wrong.exercise,
            wrong.mistake
        );
        match variant(found, wrong) {
            Ok(files) => variants.push((
                n,
                Variant {
                    label,
                    exercise: wrong.exercise.clone(),
                    files,
                },
            )),
            Err(e) => {
                verdicts.insert(n, (label, Err(e)));
            }
        }
    }
    // Most answers build together in the bundle; the rest, and any the
    // bundle could not compile, each in a slot.
    let bundled: Vec<(usize, &Variant)> = variants
        .iter()
        .filter(|(_, v)| {
            found
                .lesson
                .exercise(&v.exercise)
                .is_some_and(|ex| bundle && bundle::takes(found, ex))
        })
        .map(|(n, v)| (*n, v))
        .collect();
    let mut to_slots: Vec<usize> = variants
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !bundled.iter().any(|(m, _)| m == n))
        .collect();
    if !bundled.is_empty() {
        match bundle::grade(root, found, &bundled) {
            Ok((results, left)) => {
                verdicts.extend(results);
                to_slots.extend(left);
            }
            Err(e) => return (Vec::new(), vec![e]),
        }
    }
    let slotted: Vec<(usize, Variant)> = variants
        .into_iter()
        .filter(|(n, _)| to_slots.contains(n))
        .collect();
    if !slotted.is_empty() {
        match grade_all(root, found, &slotted) {
            Ok(results) => verdicts.extend(results),
            Err(e) => return (Vec::new(), vec![e]),
        }
    }
    let (mut ok, mut problems) = (Vec::new(), Vec::new());
    for (label, verdict) in verdicts.into_values() {
        match verdict {
            Ok(()) => ok.push(format!("{label}: rejected")),
            Err(e) => problems.push(format!("{label}: {e}")),
        }
    }
    (ok, problems)
}

/// The solution's exercise files with `wrong`'s edit made.
fn variant(found: &LessonOnDisk, wrong: &Wrong) -> Result<Vec<(String, String)>, String> {
    if found.lesson.exercise(&wrong.exercise).is_none() {
        return Err(format!(
            "lesson {} has no exercise {}",
            found.lesson.number, wrong.exercise
        ));
    }
    let mut files = Vec::new();
    for ex in &found.lesson.exercises {
        let path = found.solution_dir.join(&ex.file);
        let mut text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if ex.id == wrong.exercise {
            if text.matches(&wrong.replace).count() != 1 {
                return Err(format!(
                    "{:?} does not occur exactly once in the solution's {}",
                    wrong.replace, ex.file
                ));
            }
            text = text.replace(&wrong.replace, &wrong.with);
        }
        files.push((ex.file.clone(), text));
    }
    Ok(files)
}

/// Builds and runs every variant, a round of slots at a time; returns each
/// one's verdict by its index in `wrong.toml`.
fn grade_all(
    root: &Path,
    found: &LessonOnDisk,
    variants: &[(usize, Variant)],
) -> Result<Verdicts, String> {
    let per_round = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .clamp(1, 4)
        .min(variants.len().div_ceil(GROUPS));
    let copy = slots(root, found, per_round * GROUPS)?;
    let target = scratch::target_dir(root);
    let filters = found.grader_modules();
    // A slot runs every exercise, so every exercise is judged.
    let all: Vec<String> = found
        .lesson
        .exercises
        .iter()
        .map(|e| e.module().to_string())
        .collect();
    let mut verdicts = BTreeMap::new();
    let mut running: Vec<Vec<JoinHandle<(usize, String, Run)>>> =
        (0..GROUPS).map(|_| Vec::new()).collect();
    let collect = |handles: &mut Vec<JoinHandle<(usize, String, Run)>>, verdicts: &mut Verdicts| {
        for handle in handles.drain(..) {
            let (n, label, run) = handle.join().expect("a test runner panicked");
            let exercise = &variants.iter().find(|(m, _)| *m == n).expect("listed").1;
            verdicts.insert(n, (label, judge(found, &exercise.exercise, &run, &all)));
        }
    };
    let order = schedule(&copy, found, variants, per_round * GROUPS);
    for (round, chunk) in order.chunks(per_round).enumerate() {
        let group = round % GROUPS;
        // This group's slots are about to change: their tests must be done.
        collect(&mut running[group], &mut verdicts);
        let mut pending: BTreeMap<String, usize> = BTreeMap::new();
        for (i, at) in chunk.iter().enumerate() {
            let Some((n, v)) = at.map(|at| &variants[at]) else {
                continue;
            };
            let slot = group * per_round + i;
            for (file, text) in &v.files {
                fixture::write_if_changed(&copy.join(slot_dir(found, slot)).join(file), text)?;
            }
            pending.insert(slot_package(found, slot), *n);
        }
        // A variant that does not compile stops cargo; build the rest again.
        while !pending.is_empty() {
            let packages: Vec<String> = pending.keys().cloned().collect();
            match grade::build_targets(&copy, target.as_deref(), &packages, &["exercises"]) {
                Ok(binaries) => {
                    for (package, n) in std::mem::take(&mut pending) {
                        let label = label_of(variants, n);
                        let mine: Vec<grade::Binary> = binaries
                            .iter()
                            .filter(|b| b.package == package)
                            .cloned()
                            .collect();
                        let (dir, filters) = (copy.clone(), filters.clone());
                        running[group].push(std::thread::spawn(move || {
                            (
                                n,
                                label,
                                grade::run_binaries(&dir, mine.iter(), &filters, &[]),
                            )
                        }));
                    }
                }
                Err(errors) => {
                    let mut blamed = false;
                    for error in &errors {
                        if let Some(n) = pending.remove(&error.package) {
                            blamed = true;
                            verdicts.insert(
                                n,
                                (
                                    label_of(variants, n),
                                    Err(format!(
                                        "it does not compile, so the compiler, not the tests, \
                                         rejects it:\n{}",
                                        error.rendered
                                    )),
                                ),
                            );
                        }
                    }
                    if !blamed {
                        return Err(format!(
                            "lesson {}: the wrong answers' copies could not be built:\n{}",
                            found.lesson.number, errors[0].rendered
                        ));
                    }
                }
            }
        }
    }
    for handles in &mut running {
        collect(handles, &mut verdicts);
    }
    Ok(verdicts)
}

/// The order to grade `variants` in, as indices, `slots` to a round pair
/// (position K of the first pair is slot K); `None` leaves a slot idle. A
/// slot that already holds a variant (from the last run) gets it first, so
/// a second run with nothing changed rebuilds that many fewer.
fn schedule(
    copy: &Path,
    found: &LessonOnDisk,
    variants: &[(usize, Variant)],
    slots: usize,
) -> Vec<Option<usize>> {
    let holds = |slot: usize, v: &Variant| {
        v.files.iter().all(|(file, text)| {
            std::fs::read_to_string(copy.join(slot_dir(found, slot)).join(file))
                .is_ok_and(|t| t == *text)
        })
    };
    let mut first: Vec<Option<usize>> = (0..slots)
        .map(|slot| variants.iter().position(|(_, v)| holds(slot, v)))
        .collect();
    // A variant held by two slots goes to the first.
    for slot in 0..slots {
        if first[..slot].contains(&first[slot]) {
            first[slot] = None;
        }
    }
    let held = first.clone();
    let mut rest = (0..variants.len()).filter(|i| !held.contains(&Some(*i)));
    for at in &mut first {
        if at.is_none() {
            *at = rest.next();
        }
    }
    first.extend(rest.map(Some));
    first
}

fn label_of(variants: &[(usize, Variant)], n: usize) -> String {
    variants
        .iter()
        .find(|(m, _)| *m == n)
        .map(|(_, v)| v.label.clone())
        .unwrap_or_default()
}

/// What one exercise's tests came to, as the course tool would grade it.
#[derive(Debug, PartialEq)]
enum Verdict {
    Passed,
    /// Failed with testkit's message for this outcome.
    Failing(Outcome),
    /// Failed some other way (a message testkit did not write; no tests ran).
    Broken,
}

impl Verdict {
    fn label(&self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failing(Outcome::NotDone) => "not done yet",
            Verdict::Failing(Outcome::Panicked) => "panicked",
            Verdict::Failing(Outcome::TimedOut) => "timed out",
            Verdict::Failing(Outcome::Wrong) | Verdict::Broken => "failed",
        }
    }

    /// The order in which the course tool picks the failure it shows.
    fn telling(&self) -> u8 {
        match self {
            Verdict::Failing(Outcome::Wrong) => 0,
            Verdict::Failing(Outcome::Panicked) => 1,
            Verdict::Failing(Outcome::NotDone) => 2,
            Verdict::Failing(Outcome::TimedOut) => 3,
            _ => 4,
        }
    }
}

/// testkit's first line read back into an outcome (as the course tool does).
fn classify(message: &str) -> Verdict {
    let first = message.lines().next().unwrap_or_default();
    Outcome::ALL
        .into_iter()
        .find(|o| first.contains(&format!(") {}", o.phrase())))
        .map_or(Verdict::Broken, Verdict::Failing)
}

fn verdict_of(
    tests: &[TestResult],
    timed_out: &[String],
    module: impl std::fmt::Display,
) -> Verdict {
    let prefix = format!("{module}::");
    let mine: Vec<_> = tests
        .iter()
        .filter(|t| t.binary == "exercises" && t.name.starts_with(&prefix))
        .collect();
    if mine.is_empty() && timed_out.iter().any(|b| b == "exercises") {
        Verdict::Failing(Outcome::TimedOut)
    } else if mine.is_empty() {
        Verdict::Broken
    } else {
        mine.iter()
            .filter(|t| t.status != Status::Passed)
            .map(|t| classify(&t.message))
            .min_by_key(Verdict::telling)
            .unwrap_or(Verdict::Passed)
    }
}

/// The wrong answer to `exercise` is rejected as it must be: that exercise
/// fails, not for a `todo!()`, and every other exercise of the grader's
/// modules `checked` passes.
fn judge(
    found: &LessonOnDisk,
    exercise: &str,
    run: &Run,
    checked: &[String],
) -> Result<(), String> {
    let Run::Ran { tests, timed_out } = run else {
        return Err("its tests could not be run".into());
    };
    for ex in found
        .lesson
        .exercises
        .iter()
        .filter(|e| checked.iter().any(|c| c == e.module()))
    {
        let verdict = verdict_of(tests, timed_out, ex.module());
        match (&verdict, ex.id == exercise) {
            (Verdict::Passed, true) => return Err("the grader passed it".into()),
            (Verdict::Failing(Outcome::NotDone), _) => {
                return Err("a todo!() was left in; it must be a whole answer".into());
            }
            (Verdict::Passed, false) | (_, true) => {}
            (other, false) => {
                return Err(format!(
                    "exercise {} failed too ({}): the mistake leaks into another exercise",
                    ex.id,
                    other.label()
                ));
            }
        }
    }
    Ok(())
}

/// The folder of slot `n` inside the scratch workspace.
fn slot_dir(found: &LessonOnDisk, n: usize) -> String {
    format!("wrong/lesson{}-{}", found.lesson.number, n + 1)
}

fn slot_package(found: &LessonOnDisk, n: usize) -> String {
    format!("lesson{}-wrong-{}", found.lesson.number, n + 1)
}

/// The lesson's scratch workspace with `count` slots, each a copy of the
/// solution crate under a name of its own, at `wrong/lessonNN-K`: from
/// there the solution's paths into its lesson (`../../lessons/lessonNN`)
/// reach a copy of the lesson at `lessons/lessonNN`. testkit and lessonkit
/// stay where they are. Files are written only when they change, so a
/// second run rebuilds only what differs. Returns the workspace's folder.
fn slots(root: &Path, found: &LessonOnDisk, count: usize) -> Result<PathBuf, String> {
    let copy = root
        .join("target/course-scratch")
        .join(format!("wrong-lesson{}", found.lesson.number));
    let lesson = format!("lessons/lesson{}", found.lesson.number);
    fixture::sync_dir(&found.dir, &copy.join(lesson), &[])?;
    // The exercise files are each round's to write, the manifest the slot's.
    let mut exercises: Vec<&str> = found
        .lesson
        .exercises
        .iter()
        .map(|e| e.file.as_str())
        .collect();
    exercises.push("Cargo.toml");
    let manifest_path = found.solution_dir.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let mut members = Vec::new();
    for n in 0..count {
        let dir = slot_dir(found, n);
        fixture::sync_dir(&found.solution_dir, &copy.join(&dir), &exercises)?;
        let renamed = slot_manifest(
            &manifest,
            &found.solution_package(),
            &slot_package(found, n),
        )
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        fixture::write_if_changed(&copy.join(&dir).join("Cargo.toml"), &renamed)?;
        members.push(dir);
    }
    let workspace = course::fixture::manifest(root, &copy, &members, Some(root))?;
    fixture::write_if_changed(&copy.join("Cargo.toml"), &workspace)?;
    Ok(copy)
}

/// The solution's manifest as slot `package`'s: its own name, its library's
/// name kept (the tests say `use lessonNN::...`) unless that was the
/// package's own name, no programs (the grader runs none), and no targets
/// but the ones it names.
fn slot_manifest(manifest: &str, solution: &str, package: &str) -> Result<String, String> {
    let mut doc: toml::Table = toml::from_str(manifest).map_err(|e| e.to_string())?;
    let pkg = doc
        .get_mut("package")
        .and_then(|p| p.as_table_mut())
        .ok_or("no [package]")?;
    pkg.insert("name".into(), package.into());
    for auto in ["autobins", "autoexamples", "autotests", "autobenches"] {
        pkg.insert(auto.into(), false.into());
    }
    if let Some(lib) = doc.get_mut("lib").and_then(|l| l.as_table_mut())
        && lib.get("name").and_then(|n| n.as_str()) == Some(&solution.replace('-', "_"))
    {
        lib.insert("name".into(), package.replace('-', "_").into());
    }
    doc.remove("bin");
    toml::to_string(&doc).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A slot is the solution under its own name; a library named after
    /// the solution package is renamed with it, and no program is built.
    #[test]
    fn a_slot_is_the_solution_under_its_own_name() {
        let manifest = "[package]\nname = \"lesson08-solution\"\n\n[lib]\nname = \"lesson08_solution\"\n\n[[bin]]\nname = \"x\"\npath = \"m.rs\"\n";
        let out: toml::Table = toml::from_str(
            &slot_manifest(manifest, "lesson08-solution", "lesson08-wrong-1").unwrap(),
        )
        .unwrap();
        assert_eq!(out["package"]["name"].as_str(), Some("lesson08-wrong-1"));
        assert_eq!(out["lib"]["name"].as_str(), Some("lesson08_wrong_1"));
        assert!(out.get("bin").is_none());
        let manifest = "[package]\nname = \"lesson01-solution\"\n\n[lib]\nname = \"lesson01\"\n";
        let out: toml::Table = toml::from_str(
            &slot_manifest(manifest, "lesson01-solution", "lesson01-wrong-2").unwrap(),
        )
        .unwrap();
        assert_eq!(out["lib"]["name"].as_str(), Some("lesson01"));
    }
}
