//! What each exercise's tests said, read back into one verdict per
//! exercise: the one place that turns a lesson's test results (from
//! [`crate::grade`], or from [`crate::scratch`] when the lesson does not
//! compile) and testkit's first line of each failure into [`Verdict`]s.

use std::collections::BTreeMap;
use std::path::Path;

use courseinfo::{ExerciseInfo, Outcome};

use crate::grade::{self, CompileError, Run, Status, TestResult};
use crate::scratch;
use crate::ui::Ui;
use crate::workspace::LessonOnDisk;

/// Where one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    /// One of testkit's outcomes, with the whole message the test wrote.
    Failing(Outcome, String),
    /// A test failed without a graded message (a suite bug, or a test
    /// binary that was stopped).
    Broken(String),
    /// This exercise's code does not compile: its first error.
    NotCompiling(CompileError),
}

impl Verdict {
    /// The label in the learner's language.
    pub fn label_in(&self, ui: &Ui) -> &'static str {
        if !ui.zh {
            return self.label();
        }
        match self {
            Verdict::Passed => "通过",
            Verdict::Failing(Outcome::NotDone, _) => "尚未完成",
            Verdict::Failing(Outcome::Wrong, _) | Verdict::Broken(_) => "不对",
            Verdict::Failing(Outcome::Panicked, _) => "panic",
            Verdict::Failing(Outcome::TimedOut, _) => "超时",
            Verdict::NotCompiling(_) => "无法编译",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failing(Outcome::NotDone, _) => "not done yet",
            Verdict::Failing(Outcome::Wrong, _) => "failed",
            Verdict::Failing(Outcome::Panicked, _) => "panicked",
            Verdict::Failing(Outcome::TimedOut, _) => "timed out",
            Verdict::Broken(_) => "failed",
            Verdict::NotCompiling(_) => "does not compile",
        }
    }

    /// How much a failure says about the mistake, least first: which of an
    /// exercise's failing tests to show.
    fn telling(&self) -> u8 {
        match self {
            Verdict::Failing(Outcome::Wrong, _) => 0,
            Verdict::Failing(Outcome::Panicked, _) => 1,
            Verdict::Failing(Outcome::NotDone, _) => 2,
            Verdict::Failing(Outcome::TimedOut, _) => 3,
            _ => 4,
        }
    }

    /// The one line the table has room for.
    pub fn detail(&self) -> &str {
        match self {
            Verdict::Passed => "",
            // The label says it all; the next-step line names the file.
            Verdict::Failing(Outcome::NotDone, _) => "",
            // testkit's first line repeats the label; its second says why.
            Verdict::Failing(_, m) => {
                let line = m.lines().nth(1).unwrap_or_default().trim();
                // assert_eq!'s own words say nothing; what follows does.
                line.strip_prefix("assertion `left == right` failed: ")
                    .or_else(|| line.strip_prefix("assertion `left != right` failed: "))
                    .unwrap_or(line)
            }
            Verdict::Broken(m) => m.lines().next().unwrap_or_default(),
            Verdict::NotCompiling(e) => e.headline(),
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub title: String,
    /// The title in Chinese, from the lesson's `hints.zh-CN.toml`.
    pub title_zh: Option<String>,
    /// From the workspace root.
    pub file: String,
    pub verdict: Verdict,
}

impl Row {
    /// The title in the learner's language.
    pub fn title_in(&self, ui: &Ui) -> &str {
        match &self.title_zh {
            Some(zh) if ui.zh => zh,
            _ => &self.title,
        }
    }
}

/// Grades every exercise of one lesson.
pub fn grade_lesson(root: &Path, found: &LessonOnDisk) -> Vec<Row> {
    grade_lesson_in(root, None, found)
}

/// Grades every exercise of one lesson of the workspace at `root`,
/// building into `target` if given. When the lesson does not compile, the
/// exercises the errors point at are marked so, and the others are graded
/// without them (see [`scratch`]).
pub fn grade_lesson_in(root: &Path, target: Option<&Path>, found: &LessonOnDisk) -> Vec<Row> {
    let lesson = &found.lesson;
    let mut broken = BTreeMap::new();
    let run = match grade::run_grader(root, target, &found.package(), &found.grader_modules()) {
        Run::CompileError(errors) => match scratch::blame(found, &lesson.folder, &errors) {
            Ok(blamed) => {
                broken = blamed;
                scratch::grade_without(root, target, found, &mut broken)
            }
            Err(_) => Run::CompileError(errors),
        },
        ran => ran,
    };
    let chinese = crate::hints::load(&found.dir).unwrap_or_default();
    lesson
        .exercises
        .iter()
        .map(|ex| {
            let file = format!("{}/{}", lesson.folder, ex.file);
            let verdict = match (&run, broken.get(ex.id.as_str())) {
                (_, Some(error)) => Verdict::NotCompiling(error.clone()),
                (Run::CompileError(errors), None) => Verdict::NotCompiling(errors[0].clone()),
                (Run::Ran { tests, timed_out }, None) => of_exercise(tests, timed_out, ex),
            };
            Row {
                id: ex.id.clone(),
                title: ex.title.clone(),
                title_zh: chinese.get(&ex.id).map(|h| h.title.clone()),
                file,
                verdict,
            }
        })
        .collect()
}

/// The verdict on exercise `ex` from its lesson's test results: its tests
/// are the grader's module named after its file. Of several failures, the
/// most telling: a wrong answer's message names the mistake, where a
/// time-out only says that nothing finished.
pub fn of_exercise(tests: &[TestResult], timed_out: &[String], ex: &ExerciseInfo) -> Verdict {
    let prefix = format!("{}::", ex.module());
    let mine: Vec<_> = tests
        .iter()
        .filter(|t| t.binary == "exercises" && t.name.starts_with(&prefix))
        .collect();
    if mine.is_empty() && timed_out.iter().any(|b| b == "exercises") {
        Verdict::Failing(Outcome::TimedOut, "the lesson's tests were stopped".into())
    } else if mine.is_empty() {
        Verdict::Broken("no tests ran for this exercise".into())
    } else {
        mine.iter()
            .filter(|t| t.status != Status::Passed)
            .map(|t| read(&t.message))
            .min_by_key(Verdict::telling)
            .unwrap_or(Verdict::Passed)
    }
}

/// Reads testkit's first line back into an outcome.
pub fn read(message: &str) -> Verdict {
    let first = message.lines().next().unwrap_or_default();
    for outcome in Outcome::ALL {
        if first.contains(&format!(") {}", outcome.phrase())) {
            return Verdict::Failing(outcome, message.to_string());
        }
    }
    Verdict::Broken(message.to_string())
}
