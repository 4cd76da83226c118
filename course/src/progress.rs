//! The learner's view: every exercise of every lesson, graded, and what to
//! do next.

use std::collections::BTreeMap;
use std::path::Path;

use testkit::Outcome;

use crate::grade::{self, CompileError, Run, Status};
use crate::scratch;
use crate::ui::{Colour, Ui};
use crate::workspace::{self, Found};

/// Where one exercise stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    Passed,
    /// One of testkit's outcomes, with the whole message the test wrote.
    Failing(Outcome, String),
    /// A test failed without a graded message (a suite bug, or a test
    /// binary that was stopped).
    Broken(String),
    /// This exercise's code does not compile: its first error.
    NotCompiling(CompileError),
}

impl State {
    /// The label in the learner's language.
    pub fn label_in(&self, ui: &Ui) -> &'static str {
        if !ui.zh {
            return self.label();
        }
        match self {
            State::Passed => "通过",
            State::Failing(Outcome::NotDone, _) => "尚未完成",
            State::Failing(Outcome::Wrong, _) | State::Broken(_) => "不对",
            State::Failing(Outcome::Panicked, _) => "panic",
            State::Failing(Outcome::TimedOut, _) => "超时",
            State::NotCompiling(_) => "无法编译",
        }
    }

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

    /// How much a failure says about the mistake, least first: which of an
    /// exercise's failing tests to show.
    fn telling(&self) -> u8 {
        match self {
            State::Failing(Outcome::Wrong, _) => 0,
            State::Failing(Outcome::Panicked, _) => 1,
            State::Failing(Outcome::NotDone, _) => 2,
            State::Failing(Outcome::TimedOut, _) => 3,
            _ => 4,
        }
    }

    /// The one line the table has room for.
    pub fn detail(&self) -> &str {
        match self {
            State::Passed => "",
            // The label says it all; the next-step line names the file.
            State::Failing(Outcome::NotDone, _) => "",
            // testkit's first line repeats the label; its second says why.
            State::Failing(_, m) => {
                let line = m.lines().nth(1).unwrap_or_default().trim();
                // assert_eq!'s own words say nothing; what follows does.
                line.strip_prefix("assertion `left == right` failed: ")
                    .or_else(|| line.strip_prefix("assertion `left != right` failed: "))
                    .unwrap_or(line)
            }
            State::Broken(m) => m.lines().next().unwrap_or_default(),
            State::NotCompiling(e) => e.headline(),
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
    pub state: State,
}

/// Grades every exercise of one lesson.
pub fn grade_lesson(root: &Path, found: &Found) -> Vec<Row> {
    grade_lesson_in(root, None, found)
}

/// Grades every exercise of one lesson of the workspace at `root`,
/// building into `target` if given. When the lesson does not compile, the
/// exercises the errors point at are marked so, and the others are graded
/// without them (see [`scratch`]).
pub fn grade_lesson_in(root: &Path, target: Option<&Path>, found: &Found) -> Vec<Row> {
    let lesson = &found.lesson;
    let mut broken = BTreeMap::new();
    let run = match grade::run_grader(root, target, &found.package(), &modules(found)) {
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
            let state = match (&run, broken.get(ex.id.as_str())) {
                (_, Some(error)) => State::NotCompiling(error.clone()),
                (Run::CompileError(errors), None) => State::NotCompiling(errors[0].clone()),
                (Run::Ran { tests, timed_out }, None) => {
                    let prefix = format!("{}::", ex.module());
                    let mine: Vec<_> = tests
                        .iter()
                        .filter(|t| t.binary == "exercises" && t.name.starts_with(&prefix))
                        .collect();
                    if mine.is_empty() && timed_out.iter().any(|b| b == "exercises") {
                        State::Failing(Outcome::TimedOut, "the lesson's tests were stopped".into())
                    } else if mine.is_empty() {
                        State::Broken("no tests ran for this exercise".into())
                    } else if mine.iter().any(|t| t.status != Status::Passed) {
                        // The most telling failure: a wrong answer's message
                        // names the mistake, where a time-out only says that
                        // nothing finished.
                        mine.iter()
                            .filter(|t| t.status != Status::Passed)
                            .map(|t| classify(&t.message))
                            .min_by_key(State::telling)
                            .expect("a failing test")
                    } else {
                        State::Passed
                    }
                }
            };
            Row {
                id: ex.id.clone(),
                title: ex.title.clone(),
                title_zh: chinese.get(&ex.id).map(|h| h.title.clone()),
                file,
                state,
            }
        })
        .collect()
}

/// The exercises' modules of the grader, as test-name filters: `ex1_countdown::`.
pub fn modules(found: &Found) -> Vec<String> {
    found
        .lesson
        .exercises
        .iter()
        .map(|e| format!("{}::", e.module()))
        .collect()
}

/// Reads testkit's first line back into an outcome.
fn classify(message: &str) -> State {
    let first = message.lines().next().unwrap_or_default();
    for outcome in Outcome::ALL {
        if first.contains(&format!(") {}", outcome.phrase())) {
            return State::Failing(outcome, message.to_string());
        }
    }
    State::Broken(message.to_string())
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
pub fn grade_all(root: &Path, ui: &Ui, lessons: &[Found]) -> Vec<(String, Vec<Row>)> {
    lessons
        .iter()
        .map(|found| {
            let nn = &found.lesson.lesson;
            let title = if ui.zh {
                eprintln!("正在给第 {nn} 课评分（cargo 可能要先编译）…");
                let zh = crate::hints::lesson_title(&found.dir);
                format!(
                    "第 {nn} 课 · {}",
                    zh.as_deref().unwrap_or(&found.lesson.title)
                )
            } else {
                eprintln!("grading lesson {nn} (cargo may compile first)…");
                format!("Lesson {nn} · {}", found.lesson.title)
            };
            (title, grade_lesson(root, found))
        })
        .collect()
}

/// One row of the table, cut to the terminal's width: the title column
/// gives up room (down to 24 characters) so that the reason has at least 24.
pub fn render_row(ui: &Ui, row: &Row) -> String {
    let label = Ui::pad(row.state.label_in(ui), 16);
    let title_room = ui.width.saturating_sub(8 + 18 + 24).clamp(24, 44);
    let head = format!("  {:<5} {} ", row.id, Ui::pad(row.title_in(ui), title_room));
    let room = ui.width.saturating_sub(crate::ui::width(&head) + 17);
    let detail = Ui::fit(row.state.detail().lines().next().unwrap_or_default(), room);
    format!(
        "{head}{} {}",
        ui.paint(row.state.colour(), &label),
        ui.paint(Colour::Dim, &detail)
    )
    .trim_end()
    .to_string()
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

/// The exercise to work on next: one that does not compile (most likely
/// the one being edited), else the first that fails, else the first not
/// done, in course order.
pub fn next(graded: &[(String, Vec<Row>)]) -> Option<&Row> {
    let rows = || graded.iter().flat_map(|(_, rows)| rows);
    rows()
        .find(|r| matches!(r.state, State::NotCompiling(_)))
        .or_else(|| {
            rows().find(|r| !matches!(r.state, State::Passed | State::Failing(Outcome::NotDone, _)))
        })
        .or_else(|| rows().find(|r| r.state != State::Passed))
}

/// What to do about `row`: where to edit (the line of its compiler error,
/// or of its first `todo!()`), everything the grader or the compiler said,
/// wrapped to the terminal, and the hint command.
pub fn next_step(root: &Path, ui: &Ui, row: &Row) -> String {
    let line = match &row.state {
        State::NotCompiling(CompileError {
            at: Some((file, line)),
            ..
        }) if *file == row.file => Some(*line),
        _ => None,
    }
    .or_else(|| first_line_with(&root.join(&row.file), "todo!("))
    .or_else(|| first_line_with(&root.join(&row.file), "// TODO"))
    .unwrap_or(1);
    let mut out = ui.wrap(&if ui.zh {
        format!(
            "下一步：练习 {}（{}），文件 {}:{line}",
            row.id,
            row.title_in(ui),
            row.file
        )
    } else {
        format!(
            "Next: exercise {} ({}), in {}:{line}",
            row.id, row.title, row.file
        )
    });
    out.push('\n');
    let said = match &row.state {
        State::Passed | State::Failing(Outcome::NotDone, _) => None,
        State::Failing(_, message) | State::Broken(message) if ui.zh => {
            Some(testkit::in_chinese(message, row.title_in(ui)))
        }
        State::Failing(_, message) | State::Broken(message) => Some(message.clone()),
        State::NotCompiling(error) => Some(format!(
            "{}\n{}",
            ui.say("The compiler's first error in it:", "它的第一个编译错误："),
            error.rendered
        )),
    };
    if let Some(said) = said {
        out.push('\n');
        // The compiler's text is left as it is: wrapping would break the
        // lines that point at the code.
        if matches!(row.state, State::NotCompiling(_)) {
            out.push_str(said.trim_end());
        } else {
            out.push_str(&ui.wrap(said.trim_end()));
        }
        out.push_str("\n\n");
    }
    if !out.contains("cargo course hint") {
        out.push_str(&format!(
            "{} cargo course hint {}",
            ui.say("Stuck?", "卡住了？运行"),
            row.id
        ));
    }
    out.trim_end().to_string()
}

/// Grades every lesson (or only lesson `only`, two digits); prints the table
/// and the next step. Returns whether every exercise graded passed.
/// With `focus` (an exercise id), that exercise is the next step, whatever
/// its state, so that its whole message shows.
pub fn show(root: &Path, ui: &Ui, only: Option<&str>, focus: Option<&str>) -> Result<bool, String> {
    let mut lessons = workspace::lessons(root)?;
    if let Some(nn) = only {
        lessons.retain(|l| l.lesson.lesson == nn);
        if lessons.is_empty() {
            return Err(format!("there is no lesson {nn}"));
        }
    }
    // A lesson this machine cannot grade (no Python for lesson 08) is left
    // out, in one line, before anything is built for it.
    let mut left_out = Vec::new();
    lessons.retain(|l| match l.missing() {
        Some(why) => {
            left_out.push(why);
            false
        }
        None => true,
    });
    if lessons.is_empty() {
        return Err(left_out.join("\n"));
    }
    for why in &left_out {
        eprintln!("{why}");
    }
    if lessons.len() > 1 {
        // One cargo call for every lesson's grader first, so that cargo
        // builds them side by side on every core (the first run compiles
        // every dependency); a lesson that does not compile stops only this
        // call, and is then graded on its own below.
        let packages: Vec<String> = lessons.iter().map(Found::package).collect();
        let notice = ui.say(
            "building every lesson's grader (the first time, a minute or two)…",
            "正在构建每一课的评分程序（第一次要一两分钟）…",
        );
        let _ = said_if_slow(notice, || {
            grade::build_targets(root, None, &packages, &["exercises"])
        });
    }
    let graded = grade_all(root, ui, &lessons);
    for (title, rows) in &graded {
        println!("{}", ui.paint(Colour::Bold, title));
        for row in rows {
            println!("{}", render_row(ui, row));
        }
    }
    say_count(ui, &graded);
    let focused = match focus {
        Some(id) => Some(
            graded
                .iter()
                .flat_map(|(_, rows)| rows)
                .find(|r| r.id == id)
                .ok_or_else(|| format!("lesson {} has no exercise {id}", only.unwrap_or("?")))?,
        ),
        None => None,
    };
    if let Some(row) = focused.filter(|r| r.state == State::Passed) {
        println!(
            "\n{}",
            ui.say(
                &format!("Exercise {} passes.", row.id),
                &format!("练习 {} 已经通过了。", row.id)
            )
        );
    }
    match focused
        .filter(|r| r.state != State::Passed)
        .or_else(|| next(&graded))
    {
        None => {
            println!(
                "{}",
                ui.say(
                    "Every exercise passes. Well done!",
                    "所有练习都通过了，干得好！"
                )
            );
            Ok(true)
        }
        Some(row) => {
            println!("{}", next_step(root, ui, row));
            Ok(false)
        }
    }
}

/// Prints how many of the graded exercises pass.
pub fn say_count(ui: &Ui, graded: &[(String, Vec<Row>)]) {
    let rows = || graded.iter().flat_map(|(_, rows)| rows);
    let done = rows().filter(|r| r.state == State::Passed).count();
    let total = rows().count();
    if ui.zh {
        println!("\n已完成 {done} / {total} 个练习。");
    } else {
        println!("\n{done} of {total} exercises done.");
    }
}

/// Runs `work`; says `notice` on standard error if it takes more than a
/// second (a warm build takes less, and then says nothing).
fn said_if_slow<T>(notice: &str, work: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let notice = notice.to_string();
    let speaker = std::thread::spawn(move || {
        // Timeout: still working. Disconnected: done before the second.
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            wait.recv_timeout(std::time::Duration::from_secs(1))
        {
            eprintln!("{notice}");
        }
    });
    let out = work();
    drop(done);
    let _ = speaker.join();
    out
}

/// The line of the first occurrence of `needle` in a file, counting from 1.
pub fn first_line_with(path: &Path, needle: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}
