//! What the course tool and the lessons' test harness both know, and
//! nothing that needs a runtime: the schema of a lesson's `exercises.toml`
//! ([`Lesson`], [`ExerciseInfo`]), the outcomes a graded test ends with and
//! the words for each ([`Outcome`], [`in_chinese`]), and which language the
//! learner reads ([`locale`]).
//!
//! `testkit` (every lesson's tests) writes failure messages with these words;
//! `course` (the learner's tool) reads them back. Kept apart from testkit so
//! that the tool builds without tokio (`cargo tree -p course` shows none).

use std::fmt;

use serde::Deserialize;

pub mod locale;

/// A lesson's `exercises.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The lesson's number, two digits: `"01"` (`lesson = "01"` in the file).
    #[serde(rename = "lesson")]
    pub number: String,
    /// The lesson's folder from the workspace root, `"lessons/lesson01"`.
    pub folder: String,
    /// The chapter title.
    pub title: String,
    /// For a lesson graded by loading its module into Python (lesson 08):
    /// the oldest Python 3 minor version it needs, `9` for 3.9. Where there
    /// is none, the course tool leaves the lesson out with one line saying
    /// why, and the rest of the course is unaffected.
    #[serde(default)]
    pub python: Option<u32>,
    /// For a lesson whose graded tests start a real server: the server
    /// programs they start (`["redis-server"]`), each one
    /// `lessonkit::server` knows. Where one is missing, the course tool
    /// leaves the lesson out as it does for `python`.
    #[serde(default)]
    pub needs: Vec<String>,
    #[serde(rename = "exercise")]
    pub exercises: Vec<ExerciseInfo>,
}

/// One `[[exercise]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseInfo {
    /// `"01-3"`: the lesson, a dash, the exercise's number. Ids never change
    /// once published; a new exercise gets the next free number.
    pub id: String,
    /// The file the learner edits, relative to the lesson's folder.
    pub file: String,
    /// A few words on what the exercise builds.
    pub title: String,
    /// What `cargo course hint ID` prints: a nudge (what to think about,
    /// which tool to reach for, which question to ask), with no code that
    /// solves the exercise.
    pub hint: String,
    /// What `cargo course hint ID --more` prints: the fuller hint, code
    /// included, for a learner the nudge did not get moving.
    pub more: String,
}

impl Lesson {
    /// Parses an `exercises.toml`, checking that ids and files follow the
    /// course's conventions.
    pub fn parse(text: &str) -> Result<Lesson, String> {
        let lesson: Lesson = toml::from_str(text).map_err(|e| e.to_string())?;
        for (n, ex) in lesson.exercises.iter().enumerate() {
            let want = format!("{}-{}", lesson.number, n + 1);
            if ex.id != want {
                return Err(format!(
                    "exercise {n} has id {:?}, expected {want:?}",
                    ex.id
                ));
            }
            let stem = format!("src/ex{}_", n + 1);
            if !ex.file.starts_with(&stem) || !ex.file.ends_with(".rs") {
                return Err(format!(
                    "exercise {} lives in {:?}; exercise files are named {stem}NAME.rs",
                    ex.id, ex.file
                ));
            }
        }
        Ok(lesson)
    }

    pub fn exercise(&self, id: &str) -> Option<&ExerciseInfo> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

impl ExerciseInfo {
    /// The name of the exercise's module, which is also the name of the
    /// module that holds its tests: `src/ex3_signal.rs` gives `ex3_signal`.
    pub fn module(&self) -> &str {
        self.file.trim_start_matches("src/").trim_end_matches(".rs")
    }
}

/// How a graded test ended, as the first line of its failure message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The body still holds its `todo!()`.
    NotDone,
    /// An assertion of the suite failed: the code runs but gives the wrong answer.
    Wrong,
    /// The learner's code panicked on its own (an `unwrap`, an index, ...).
    Panicked,
    /// The time limit ran out.
    TimedOut,
}

impl Outcome {
    /// The phrase that follows `exercise NN-N (title)` in a failure message.
    pub fn phrase(self) -> &'static str {
        match self {
            Outcome::NotDone => "is not done yet",
            Outcome::Wrong => "is not right yet",
            Outcome::Panicked => "panicked",
            Outcome::TimedOut => "timed out",
        }
    }

    /// The same phrase in Chinese: `练习 NN-N（标题）` comes before it.
    pub fn phrase_zh(self) -> &'static str {
        match self {
            Outcome::NotDone => "尚未完成",
            Outcome::Wrong => "还不对",
            Outcome::Panicked => "发生了 panic",
            Outcome::TimedOut => "超时了",
        }
    }

    pub const ALL: [Outcome; 4] = [
        Outcome::NotDone,
        Outcome::Wrong,
        Outcome::Panicked,
        Outcome::TimedOut,
    ];
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.phrase())
    }
}

/// A failure message of testkit's grader (English, as the course tool reads
/// it back) with its verdict lines in Chinese: the first line, the `file:`
/// and `hint:` lines and the "not done yet" advice; `title` is the
/// exercise's Chinese title. What a test's own assertion says stays as it
/// was written (in English). Other text is returned as it is.
pub fn in_chinese(message: &str, title: &str) -> String {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    let Some((id, outcome)) = first.strip_prefix("exercise ").and_then(|rest| {
        let id = rest.split(' ').next()?;
        let outcome = Outcome::ALL
            .into_iter()
            .find(|o| first.ends_with(&format!(") {}.", o.phrase())))?;
        Some((id, outcome))
    }) else {
        return message.to_string();
    };
    let mut out = format!("练习 {id}（{title}）{}。", outcome.phrase_zh());
    for line in lines {
        out.push('\n');
        let open = line
            .trim_start()
            .strip_prefix("Open ")
            .and_then(|l| l.strip_suffix(" and replace the todo!() with your code."));
        if let Some(file) = open {
            out.push_str(&format!("    打开 {file}，把 todo!() 换成你的代码。"));
        } else if let Some(file) = line.strip_prefix("    file: ") {
            out.push_str(&format!("    文件：{file}"));
        } else if let Some(hint) = line.strip_prefix("    hint: ") {
            out.push_str(&format!("    提示：{hint}"));
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verdict lines are translated; the test's own words are not.
    #[test]
    fn verdicts_in_chinese() {
        let english = "exercise 01-2 (polling a future by hand) is not right yet.\n    \
            expected 3 polls, got 1\n    file: lessons/lesson01/src/ex2_poll_by_hand.rs\n    \
            hint: cargo course hint 01-2";
        assert_eq!(
            in_chinese(english, "手动轮询一个 future"),
            "练习 01-2（手动轮询一个 future）还不对。\n    expected 3 polls, got 1\n    \
             文件：lessons/lesson01/src/ex2_poll_by_hand.rs\n    提示：cargo course hint 01-2"
        );
        let not_done = "exercise 01-1 (a countdown future) is not done yet.\n    \
            Open lessons/lesson01/src/ex1_countdown.rs and replace the todo!() with your code.\n    \
            hint: cargo course hint 01-1";
        assert!(
            in_chinese(not_done, "倒计时 future")
                .contains("打开 lessons/lesson01/src/ex1_countdown.rs，把 todo!() 换成你的代码。")
        );
        assert_eq!(in_chinese("some other panic", "x"), "some other panic");
    }
}
