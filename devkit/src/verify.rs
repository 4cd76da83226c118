//! The maintainers' check: every exercise test fails on the unsolved lesson
//! and passes on the solution.
//!
//! A test that passes on the unsolved lesson cannot tell a learner anything;
//! a test that fails on the solution is wrong. "Unsolved" means as shipped
//! (made from the solution, see [`course::shipped`]), never the learner's
//! files: the lessons are copied to a scratch workspace with every exercise
//! as shipped, so a learner's solved exercise leaves `cargo test` green.
//! For every lesson this check runs both crates with the one shared suite,
//! and demands:
//! - on the solution, every test passes and none is ignored;
//! - on the lesson, every test in an exercise's module fails, and its
//!   message names that very exercise and says it is not done yet, while
//!   every other test (the lesson's own unit tests) passes;
//! - every exercise has tests, a solution file with no `todo!()` and a
//!   shipped text with one.

use std::path::Path;

use course::grade::{self, Run, Status, TestResult};
use course::workspace::{self, LessonOnDisk};
use course::{scratch, shipped};

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// One line per lesson that passed, saying what was checked.
    pub passed: Vec<String>,
    /// Everything that is wrong, one line each.
    pub problems: Vec<String>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && !self.passed.is_empty()
    }
}

/// Checks every lesson of the workspace at `root`, or only lesson `only`
/// (two digits) when given.
pub fn verify(root: &Path, only: Option<&str>) -> Report {
    let mut report = Report::default();
    let lessons = workspace::lessons(root).map(|all| {
        all.into_iter()
            .filter(|l| only.is_none_or(|o| l.lesson.number == o))
            .collect::<Vec<_>>()
    });
    let lessons = match lessons {
        Ok(l) if l.is_empty() => {
            report
                .problems
                .push("no lessons found under lessons/".into());
            return report;
        }
        Ok(l) => l,
        Err(e) => {
            report.problems.push(e);
            return report;
        }
    };
    // A lesson this machine cannot grade (no Python for lesson 08) is
    // reported, not failed: CI has what every lesson needs.
    let (lessons, left_out): (Vec<LessonOnDisk>, Vec<LessonOnDisk>) =
        lessons.into_iter().partition(|l| l.missing().is_none());
    report
        .passed
        .extend(left_out.iter().filter_map(LessonOnDisk::missing));
    if lessons.is_empty() {
        return report;
    }
    for found in &lessons {
        check_files(found, &mut report.problems);
    }
    let solutions: Vec<String> = lessons.iter().map(LessonOnDisk::solution_package).collect();
    let solved_binaries = match grade::build(root, &solutions) {
        Ok(b) => b,
        Err(errors) => {
            report.problems.push(format!(
                "{} does not compile:\n{}",
                errors[0].package, errors[0].rendered
            ));
            return report;
        }
    };
    let found: Vec<&LessonOnDisk> = lessons.iter().collect();
    let copy = match shipped_copy(root, &found) {
        Ok(copy) => copy,
        Err(e) => {
            report.problems.push(e);
            return report;
        }
    };
    let unsolved: Vec<String> = lessons.iter().map(LessonOnDisk::package).collect();
    let target = scratch::target_dir(root);
    let unsolved_binaries = match grade::build_targets(&copy, target.as_deref(), &unsolved, &[]) {
        Ok(b) => b,
        Err(errors) => {
            report.problems.push(format!(
                "{} as shipped does not compile:\n{}",
                errors[0].package, errors[0].rendered
            ));
            return report;
        }
    };
    for found in &lessons {
        let before = report.problems.len();
        let of = |dir: &Path, binaries: &[grade::Binary], package: String| {
            grade::run_binaries(
                dir,
                binaries.iter().filter(move |b| b.package == package),
                &[],
                &[],
            )
        };
        let solved = of(root, &solved_binaries, found.solution_package());
        let unsolved = of(&copy, &unsolved_binaries, found.package());
        let summary = check_lesson(found, solved, unsolved, &mut report.problems);
        if report.problems.len() == before {
            report.passed.push(summary);
        }
    }
    report
}

/// A scratch workspace holding `lessons` with every exercise as shipped.
fn shipped_copy(root: &Path, lessons: &[&LessonOnDisk]) -> Result<std::path::PathBuf, String> {
    let copy = scratch::workspace(root, "verify", "shipped", lessons)?;
    for found in lessons {
        for ex in &found.lesson.exercises {
            let path = copy
                .join(format!("shipped/lesson{}", found.lesson.number))
                .join(&ex.file);
            // Unchanged since the last run, it is not rebuilt.
            course::fixture::write_if_changed(&path, &shipped::text(found, ex)?)?;
        }
    }
    Ok(copy)
}

fn check_files(found: &LessonOnDisk, problems: &mut Vec<String>) {
    let id = &found.lesson.number;
    if !found.solution_dir.join("Cargo.toml").is_file() {
        problems.push(format!(
            "lesson {id}: no solution crate at {}",
            found.solution_dir.display()
        ));
        return;
    }
    for ex in &found.lesson.exercises {
        let Ok(solution) = std::fs::read_to_string(shipped::solution_file(found, ex)) else {
            problems.push(format!(
                "exercise {}: {} is missing from the solution",
                ex.id, ex.file
            ));
            continue;
        };
        if solution.contains("todo!(") {
            problems.push(format!(
                "exercise {}: the solution's {} still has a todo!()",
                ex.id, ex.file
            ));
        }
        if !shipped::unsolve(&solution).contains("todo!(") {
            problems.push(format!(
                "exercise {}: the solution's {} has no `// TODO:` comment, so the exercise \
                 as shipped has no todo!()",
                ex.id, ex.file
            ));
        }
    }
}

/// Returns the summary line; pushes a line to `problems` for each failure.
fn check_lesson(
    found: &LessonOnDisk,
    solved: Run,
    unsolved: Run,
    problems: &mut Vec<String>,
) -> String {
    let lesson = &found.lesson;
    let (solved, unsolved) = match (solved, unsolved) {
        (
            Run::Ran {
                tests: s,
                timed_out: ts,
            },
            Run::Ran {
                tests: u,
                timed_out: tu,
            },
        ) => {
            for b in ts {
                problems.push(format!(
                    "{}: test binary {b} timed out",
                    found.solution_package()
                ));
            }
            for b in tu {
                problems.push(format!("{}: test binary {b} timed out", found.package()));
            }
            (s, u)
        }
        _ => {
            problems.push(format!("lesson {}: could not be run", lesson.number));
            return String::new();
        }
    };
    let exercise_of = |t: &TestResult| {
        (t.binary == "exercises")
            .then(|| {
                lesson
                    .exercises
                    .iter()
                    .find(|e| t.name.starts_with(&format!("{}::", e.module())))
            })
            .flatten()
    };

    for t in &solved {
        if t.status != Status::Passed {
            problems.push(format!(
                "{}: {} {} is {:?}, not passed:\n{}",
                found.solution_package(),
                t.binary,
                t.name,
                t.status,
                t.message
            ));
        }
    }
    let mut graded = 0;
    let mut other = 0;
    for ex in &lesson.exercises {
        let n = unsolved
            .iter()
            .filter(|t| exercise_of(t).is_some_and(|e| e.id == ex.id))
            .count();
        if n == 0 {
            problems.push(format!(
                "exercise {}: no tests (expected a module `{}` in tests/exercises.rs)",
                ex.id,
                ex.module()
            ));
        }
        let n_solved = solved
            .iter()
            .filter(|t| exercise_of(t).is_some_and(|e| e.id == ex.id))
            .count();
        if n_solved != n {
            problems.push(format!(
                "exercise {}: {n} tests on the lesson but {n_solved} on the solution",
                ex.id
            ));
        }
    }
    for t in &unsolved {
        match exercise_of(t) {
            Some(ex) => {
                graded += 1;
                let expected = format!("exercise {} ({}) is not done yet.", ex.id, ex.title);
                if t.status != Status::Failed {
                    problems.push(format!(
                        "exercise {}: test {} is {:?} on the unsolved lesson; it must fail",
                        ex.id, t.name, t.status
                    ));
                } else if !t.message.starts_with(&expected) {
                    problems.push(format!(
                        "exercise {}: test {} failed on the unsolved lesson with the wrong message.\n  \
                         expected it to start: {expected}\n  it said: {}",
                        ex.id, t.name, t.message
                    ));
                }
            }
            None => {
                other += 1;
                if t.status != Status::Passed {
                    problems.push(format!(
                        "{}: {} {} is {:?} on the unsolved lesson; only exercise tests may fail there:\n{}",
                        found.package(),
                        t.binary,
                        t.name,
                        t.status,
                        t.message
                    ));
                }
            }
        }
    }
    format!(
        "lesson {} ({}): {} exercises; {} graded tests fail unsolved, each naming its exercise; \
         {} other tests pass unsolved; all {} pass solved",
        lesson.number,
        lesson.title,
        lesson.exercises.len(),
        graded,
        other,
        solved.len()
    )
}
