//! Wrong answers the grader must reject.
//!
//! A test that a trivial or half-right answer passes teaches nothing. Each
//! lesson's solution folder may hold a `wrong.toml`: mistakes a learner
//! could plausibly make, each written as one edit of the solution. For each
//! one, this check grades a throwaway copy of the lesson whose exercises are
//! all solved but for that one mistake, and demands that its exercise fails
//! (as "not right yet", "panicked" or "timed out": the code compiles, and
//! the tests, not the compiler, must catch it) while every other passes.

use std::path::Path;

use serde::Deserialize;

use course::fixture;
use course::progress::{self, State};
use course::workspace::{self, Found};

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
pub fn listed(found: &Found) -> Result<Vec<Wrong>, String> {
    let path = found.solution_dir.join("wrong.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(Vec::new());
    };
    let file: WrongFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.wrong)
}

/// Checks every wrong answer of one lesson. Returns one line per wrong
/// answer that was rightly rejected, and the problems.
pub fn check(root: &Path, found: &Found) -> (Vec<String>, Vec<String>) {
    let (mut ok, mut problems) = (Vec::new(), Vec::new());
    // A lesson this machine cannot grade (no Python for lesson 08).
    if let Some(why) = found.missing() {
        return (vec![why], problems);
    }
    let wrongs = match listed(found) {
        Ok(w) => w,
        Err(e) => return (ok, vec![e]),
    };
    let folder = format!("lesson{}", found.lesson.lesson);
    for (n, wrong) in wrongs.iter().enumerate() {
        let label = format!(
            "wrong answer {} to {} ({})",
            n + 1,
            wrong.exercise,
            wrong.mistake
        );
        match check_one(root, found, &folder, wrong) {
            Ok(()) => ok.push(format!("{label}: rejected")),
            Err(e) => problems.push(format!("{label}: {e}")),
        }
    }
    (ok, problems)
}

fn check_one(root: &Path, found: &Found, folder: &str, wrong: &Wrong) -> Result<(), String> {
    let target = found.lesson.exercise(&wrong.exercise).ok_or_else(|| {
        format!(
            "lesson {} has no exercise {}",
            found.lesson.lesson, wrong.exercise
        )
    })?;
    let copy = fixture::create(root, &format!("wrong-{folder}"), &[folder])?;
    for ex in &found.lesson.exercises {
        let mut text = std::fs::read_to_string(found.solution_dir.join(&ex.file))
            .map_err(|e| e.to_string())?;
        if ex.id == target.id {
            if text.matches(&wrong.replace).count() != 1 {
                return Err(format!(
                    "{:?} does not occur exactly once in the solution's {}",
                    wrong.replace, ex.file
                ));
            }
            text = text.replace(&wrong.replace, &wrong.with);
        }
        std::fs::write(copy.join(&found.lesson.folder).join(&ex.file), text)
            .map_err(|e| e.to_string())?;
    }
    let lessons = workspace::lessons(&copy)?;
    let copied = lessons.first().ok_or("the copy has no lesson")?;
    let rows = progress::grade_lesson_in(&copy, Some(&fixture::target_dir(root)), copied);
    for row in rows {
        match (&row.state, row.id == target.id) {
            (State::Passed, true) => return Err("the grader passed it".into()),
            (State::NotCompiling(e), _) => {
                return Err(format!(
                    "it does not compile, so the compiler, not the tests, rejects it:\n{}",
                    e.rendered
                ));
            }
            (State::Failing(testkit::Outcome::NotDone, _), _) => {
                return Err("a todo!() was left in; it must be a whole answer".into());
            }
            (State::Passed, false) | (_, true) => {}
            (other, false) => {
                return Err(format!(
                    "exercise {} failed too ({}): the mistake leaks into another exercise",
                    row.id,
                    other.label()
                ));
            }
        }
    }
    Ok(())
}
