//! The learner's view: every exercise of every lesson, graded, and what to
//! do next.

use std::path::Path;

use testkit::Outcome;

use crate::grade::{self, Run, Status};
use crate::ui::{Colour, Ui};
use crate::workspace::{self, Found};

/// Where one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Passed,
    /// One of testkit's outcomes, with the first line of detail.
    Failing(Outcome, String),
    /// A test failed without a graded message (a suite bug, or a test
    /// binary that was stopped).
    Broken(String),
    /// The lesson's crate does not compile: the compiler's first error.
    NotCompiling(String),
}

impl State {
    pub fn label(&self) -> &'static str {
        match self {
            State::Passed => "passed",
            State::Failing(Outcome::NotDone, _) => "not done yet",
            State::Failing(Outcome::Wrong, _) => "failed",
            State::Failing(Outcome::Panicked, _) => "panicked",
            State::Failing(Outcome::TimedOut, _) => "timed out",
            State::Broken(_) => "failed",
            State::NotCompiling(_) => "does not compile",
        }
    }

    pub fn detail(&self) -> &str {
        match self {
            State::Passed => "",
            // The label says it all; the next-step line names the file.
            State::Failing(Outcome::NotDone, _) => "",
            State::Failing(_, d) | State::Broken(d) | State::NotCompiling(d) => d,
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub title: String,
    /// From the workspace root.
    pub file: String,
    pub state: State,
}

/// Grades every exercise of one lesson.
pub fn grade_lesson(root: &Path, found: &Found) -> Vec<Row> {
    grade_lesson_in(root, None, found)
}

/// Grades every exercise of one lesson of the workspace at `root`,
/// building into `target` if given.
pub fn grade_lesson_in(root: &Path, target: Option<&Path>, found: &Found) -> Vec<Row> {
    let lesson = &found.lesson;
    let run = grade::run_grader(root, target, &found.package());
    lesson
        .exercises
        .iter()
        .map(|ex| {
            let file = format!("{}/{}", lesson.folder, ex.file);
            let state = match &run {
                Run::CompileError(e) => State::NotCompiling(e.clone()),
                Run::Ran { tests, timed_out } => {
                    let prefix = format!("{}::", ex.module());
                    let mine: Vec<_> = tests
                        .iter()
                        .filter(|t| t.binary == "exercises" && t.name.starts_with(&prefix))
                        .collect();
                    if mine.is_empty() && timed_out.iter().any(|b| b == "exercises") {
                        State::Failing(Outcome::TimedOut, "the lesson's tests were stopped".into())
                    } else if mine.is_empty() {
                        State::Broken("no tests ran for this exercise".into())
                    } else if let Some(t) = mine.iter().find(|t| t.status != Status::Passed) {
                        classify(&t.message)
                    } else {
                        State::Passed
                    }
                }
            };
            Row {
                id: ex.id.clone(),
                title: ex.title.clone(),
                file,
                state,
            }
        })
        .collect()
}

/// Reads testkit's first line back into an outcome.
fn classify(message: &str) -> State {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    let detail = lines.next().unwrap_or(first).trim().to_string();
    for outcome in Outcome::ALL {
        if first.contains(&format!(") {}", outcome.phrase())) {
            return State::Failing(outcome, detail);
        }
    }
    State::Broken(first.to_string())
}

impl State {
    fn colour(&self) -> Colour {
        match self {
            State::Passed => Colour::Green,
            State::Failing(Outcome::NotDone, _) => Colour::Yellow,
            State::NotCompiling(_) => Colour::Magenta,
            _ => Colour::Red,
        }
    }
}

/// Grades every lesson, printing as it goes to stderr; returns each
/// lesson's title and rows.
pub fn grade_all(root: &Path, lessons: &[Found]) -> Vec<(String, Vec<Row>)> {
    lessons
        .iter()
        .map(|found| {
            eprintln!(
                "grading lesson {} (cargo may compile first)…",
                found.lesson.lesson
            );
            let title = format!("Lesson {} · {}", found.lesson.lesson, found.lesson.title);
            (title, grade_lesson(root, found))
        })
        .collect()
}

/// One row of the table, cut to the terminal's width.
pub fn render_row(ui: &Ui, row: &Row) -> String {
    let label = format!("{:<16}", row.state.label());
    let head = format!("  {:<5} {:<44} ", row.id, Ui::fit(&row.title, 44));
    let room = ui.width.saturating_sub(head.chars().count() + 17);
    let detail = Ui::fit(row.state.detail().lines().next().unwrap_or_default(), room);
    format!(
        "{head}{} {}",
        ui.paint(row.state.colour(), &label),
        ui.paint(Colour::Dim, &detail)
    )
    .trim_end()
    .to_string()
}

/// The first exercise that does not pass, in course order.
pub fn next(graded: &[(String, Vec<Row>)]) -> Option<&Row> {
    graded
        .iter()
        .flat_map(|(_, rows)| rows)
        .find(|r| r.state != State::Passed)
}

/// What to do about `row`: where to edit, the compiler's error if any, the hint.
pub fn next_step(root: &Path, row: &Row) -> String {
    let line = first_todo_line(&root.join(&row.file)).unwrap_or(1);
    let mut out = format!(
        "Next: exercise {} ({}), in {}:{line}\n",
        row.id, row.title, row.file
    );
    if let State::NotCompiling(error) = &row.state {
        out.push_str(&format!("\nThe compiler's first error:\n{error}\n\n"));
    }
    out.push_str(&format!("Stuck? cargo course hint {}", row.id));
    out
}

/// Grades every lesson (or only lesson `only`, two digits); prints the table
/// and the next step. Returns whether every exercise graded passed.
pub fn show(root: &Path, ui: &Ui, only: Option<&str>) -> Result<bool, String> {
    let mut lessons = workspace::lessons(root)?;
    if let Some(nn) = only {
        lessons.retain(|l| l.lesson.lesson == nn);
        if lessons.is_empty() {
            return Err(format!("there is no lesson {nn}"));
        }
    }
    let graded = grade_all(root, &lessons);
    let total: usize = graded.iter().map(|(_, rows)| rows.len()).sum();
    let done = graded
        .iter()
        .flat_map(|(_, rows)| rows)
        .filter(|r| r.state == State::Passed)
        .count();
    for (title, rows) in &graded {
        println!("{}", ui.paint(Colour::Bold, title));
        for row in rows {
            println!("{}", render_row(ui, row));
        }
    }
    println!("\n{done} of {total} exercises done.");
    match next(&graded) {
        None => {
            println!("Every exercise passes. Well done!");
            Ok(true)
        }
        Some(row) => {
            println!("{}", next_step(root, row));
            Ok(false)
        }
    }
}

/// The line of the first `todo!(` in a file, counting from 1.
pub fn first_todo_line(path: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .position(|l| l.contains("todo!("))
        .map(|i| i + 1)
}
