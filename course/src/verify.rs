//! The maintainers' check: every exercise test fails on the unsolved lesson
//! and passes on the solution.
//!
//! A test that passes on the unsolved lesson cannot tell a learner anything;
//! a test that fails on the solution is wrong. For every lesson this check
//! builds both crates in one cargo call, runs both with the one shared
//! suite, and demands:
//! - on the solution, every test passes and none is ignored;
//! - on the lesson, every test in an exercise's module fails, and its
//!   message names that very exercise and says it is not done yet, while
//!   every other test (the lesson's own unit tests) passes;
//! - every exercise has tests, a file in both crates, a `todo!()` in the
//!   lesson's and none in the solution's, and the lesson's file is the
//!   solution's but for the body (same task text, same signatures).

use std::path::Path;

use crate::grade::{self, Run, Status, TestResult};
use crate::workspace::{self, Found};

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
            .filter(|l| only.is_none_or(|o| l.lesson.lesson == o))
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
    for found in &lessons {
        check_files(found, &mut report.problems);
    }
    let packages: Vec<String> = lessons
        .iter()
        .flat_map(|l| [l.package(), l.solution_package()])
        .collect();
    let binaries = match grade::build(root, &packages) {
        Ok(b) => b,
        Err((package, error)) => {
            report
                .problems
                .push(format!("{package} does not compile:\n{error}"));
            return report;
        }
    };
    for found in &lessons {
        let before = report.problems.len();
        let of = |package: String| {
            grade::run_binaries(root, binaries.iter().filter(move |b| b.package == package))
        };
        let solved = of(found.solution_package());
        let unsolved = of(found.package());
        let summary = check_lesson(found, solved, unsolved, &mut report.problems);
        if report.problems.len() == before {
            report.passed.push(summary);
        }
    }
    report
}

fn check_files(found: &Found, problems: &mut Vec<String>) {
    let id = &found.lesson.lesson;
    if !found.solution_dir.join("Cargo.toml").is_file() {
        problems.push(format!(
            "lesson {id}: no solution crate at {}",
            found.solution_dir.display()
        ));
        return;
    }
    for ex in &found.lesson.exercises {
        let read = |dir: &Path| std::fs::read_to_string(dir.join(&ex.file)).ok();
        match (read(&found.dir), read(&found.solution_dir)) {
            (None, _) => problems.push(format!(
                "exercise {}: {} is missing from the lesson",
                ex.id, ex.file
            )),
            (_, None) => problems.push(format!(
                "exercise {}: {} is missing from the solution",
                ex.id, ex.file
            )),
            (Some(lesson), Some(solution)) => {
                if !lesson.contains("todo!(") {
                    problems.push(format!(
                        "exercise {}: the lesson's {} has no todo!()",
                        ex.id, ex.file
                    ));
                }
                if solution.contains("todo!(") {
                    problems.push(format!(
                        "exercise {}: the solution's {} still has a todo!()",
                        ex.id, ex.file
                    ));
                }
                if let Some(line) = first_line_not_in(&lesson, &solution) {
                    problems.push(format!(
                        "exercise {}: the lesson's {} has a line its solution lacks (or has elsewhere): {line:?}; \
                         the two must be the same file but for the body written in place of the todo!()",
                        ex.id, ex.file
                    ));
                }
            }
        }
    }
}

/// The first line of the unsolved file that is not, in order, in the
/// solved one; the `// TODO` comments and the `todo!()` are skipped. This
/// keeps an exercise's task text and signatures the same in both crates.
fn first_line_not_in(lesson: &str, solution: &str) -> Option<String> {
    let mut solved = solution.lines();
    let mut in_todo_comment = false;
    for line in lesson.lines() {
        let t = line.trim();
        if t.starts_with("// TODO") {
            in_todo_comment = true;
            continue;
        }
        if in_todo_comment && t.starts_with("//") {
            continue;
        }
        in_todo_comment = false;
        if t.starts_with("todo!(") {
            continue;
        }
        if !solved.any(|s| s == line) {
            return Some(line.to_string());
        }
    }
    None
}

/// Returns the summary line; pushes a line to `problems` for each failure.
fn check_lesson(found: &Found, solved: Run, unsolved: Run, problems: &mut Vec<String>) -> String {
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
            problems.push(format!("lesson {}: could not be run", lesson.lesson));
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
        lesson.lesson,
        lesson.title,
        lesson.exercises.len(),
        graded,
        other,
        solved.len()
    )
}

#[cfg(test)]
mod tests {
    use super::first_line_not_in;

    /// The stub is the solution minus the body: accepted. A changed doc
    /// line or signature: caught.
    #[test]
    fn stub_must_be_the_solution_but_for_the_body() {
        let solution = "//! Task.\npub fn f() -> u8 {\n    6 * 7\n}\n";
        let stub = "//! Task.\npub fn f() -> u8 {\n    // TODO: compute it.\n    // More words.\n    todo!()\n}\n";
        assert_eq!(first_line_not_in(stub, solution), None);
        let drifted = stub.replace("-> u8", "-> u16");
        assert_eq!(
            first_line_not_in(&drifted, solution).as_deref(),
            Some("pub fn f() -> u16 {")
        );
    }
}
