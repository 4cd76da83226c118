//! The learner's view: every exercise of every lesson, graded, and what to
//! do next.

use std::collections::BTreeMap;
use std::path::Path;

use courseinfo::Outcome;

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

/// Columns a row takes besides its title and its detail: two spaces, the id
/// (5) and a space before the title; a space, the label (16) and a space
/// after it.
const ROW_FRAME: usize = 2 + 5 + 1 + 1 + 16 + 1;

/// The width of the title column of a table of `rows`: the widest title
/// (in the learner's language, in columns), so that no title is cut while
/// the line has room for it beside the id and the label; on a terminal too
/// narrow for that, what the line leaves (at least 10 columns).
pub fn title_column<'a>(ui: &Ui, rows: impl IntoIterator<Item = &'a Row>) -> usize {
    let widest = rows
        .into_iter()
        .map(|r| crate::ui::width(r.title_in(ui)))
        .max()
        .unwrap_or(0);
    widest.min(ui.width.saturating_sub(ROW_FRAME)).max(10)
}

/// One row of the table, its title padded (or, on a terminal too narrow,
/// cut) to `title_column` (see [`title_column`]). Its detail follows the
/// label when the line has room for all of it; else it goes on the next
/// line, under the title, where it is cut only if wider than the terminal.
pub fn render_row(ui: &Ui, row: &Row, title_column: usize) -> String {
    let label = Ui::pad(row.state.label_in(ui), 16);
    let head = format!(
        "  {:<5} {} {}",
        row.id,
        Ui::pad(row.title_in(ui), title_column),
        ui.paint(row.state.colour(), &label)
    );
    let detail = row.state.detail().lines().next().unwrap_or_default();
    let room = ui.width.saturating_sub(ROW_FRAME + title_column);
    let line = if detail.is_empty() {
        head
    } else if crate::ui::width(detail) <= room {
        format!("{head} {}", ui.paint(Colour::Dim, detail))
    } else {
        let under = " ".repeat(8);
        let room = ui.width.saturating_sub(under.len());
        format!(
            "{}\n{under}{}",
            head.trim_end(),
            ui.paint(Colour::Dim, &Ui::fit(detail, room))
        )
    };
    line.trim_end().to_string()
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
            Some(courseinfo::in_chinese(message, row.title_in(ui)))
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
        // The time is measured, not guessed: a fresh clone, an empty target
        // folder, the crates already downloaded, 2 cores shared with other
        // builds (load average 1.6 to 3.9), 2026-12-07: 99 s. README.md says
        // the same; re-measure with `cargo course measure-build`.
        let notice = ui.say(
            "building every lesson's grader (the first time, cargo compiles every dependency: 1 min 40 s on a 2-core machine)…",
            "正在构建每一课的评分程序（第一次，cargo 要编译所有依赖：在一台双核机器上实测 1 分 40 秒）…",
        );
        let _ = said_if_slow(notice, || {
            grade::build_targets(root, None, &packages, &["exercises"])
        });
    }
    let graded = grade_all(root, ui, &lessons);
    print_table(ui, &graded);
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

/// Prints each lesson's title and rows, one title column for them all.
pub fn print_table(ui: &Ui, graded: &[(String, Vec<Row>)]) {
    let column = title_column(ui, graded.iter().flat_map(|(_, rows)| rows));
    for (title, rows) in graded {
        println!("{}", ui.paint(Colour::Bold, title));
        for row in rows {
            println!("{}", render_row(ui, row, column));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::width;

    fn row(id: &str, title: &str, title_zh: &str, state: State) -> Row {
        Row {
            id: id.into(),
            title: title.into(),
            title_zh: Some(title_zh.into()),
            file: String::new(),
            state,
        }
    }

    /// Rows of lesson 06 and 07's length, one with a wrong answer's reason.
    fn rows() -> Vec<Row> {
        let wrong = State::Failing(
            Outcome::Wrong,
            "test (06-5) failed\nthe reader accepted a line of 70000 bytes; the limit is 64 KiB"
                .into(),
        );
        vec![
            row(
                "06-5",
                "a framed reader that refuses an over-long line",
                "拒绝超长行的分帧读取器",
                wrong,
            ),
            row(
                "07-5",
                "stop accepting, say goodbye, wait within a deadline",
                "停止接受连接、道别，并在期限内等待",
                State::Passed,
            ),
            row(
                "01-1",
                "a countdown future",
                "倒计时 future",
                State::Failing(Outcome::NotDone, String::new()),
            ),
        ]
    }

    /// Where each row's label starts, in columns, and every line's width.
    fn layout(ui: &Ui, rows: &[Row]) -> (Vec<usize>, Vec<String>) {
        let column = title_column(ui, rows);
        let lines: Vec<String> = rows.iter().map(|r| render_row(ui, r, column)).collect();
        let starts = rows
            .iter()
            .zip(&lines)
            .map(|(r, line)| {
                let at = line
                    .find(r.state.label_in(ui))
                    .unwrap_or_else(|| panic!("no label in {line:?}"));
                width(&line[..at])
            })
            .collect();
        (starts, lines)
    }

    /// On the 100 columns of a pipe (the default) and on a terminal of 80,
    /// every title shows whole: the reviewer saw "a framed reader that
    /// refuses an over-long l…" with room to spare. The labels line up,
    /// and no line is wider than the terminal.
    #[test]
    fn titles_are_whole_when_the_line_has_room() {
        for columns in [200, 100, 80] {
            let ui = Ui::plain(columns);
            let rows = rows();
            let (starts, lines) = layout(&ui, &rows);
            for (r, line) in rows.iter().zip(&lines) {
                assert!(
                    line.contains(&r.title),
                    "at {columns} columns, expected the whole title {:?}, got {line:?}: the title column is narrower than the line allows",
                    r.title
                );
                for part in line.lines() {
                    assert!(
                        width(part) <= columns,
                        "at {columns} columns, a line of {} columns: {part:?}",
                        width(part)
                    );
                }
            }
            assert!(
                starts.iter().all(|s| *s == starts[0]),
                "at {columns} columns, the labels start at columns {starts:?}, not one column:\n{}",
                lines.join("\n")
            );
        }
        // At 200 columns the reason fits beside the label; at 100 it goes
        // under the title rather than being cut to a few characters.
        let (_, lines) = layout(&Ui::plain(200), &rows());
        assert_eq!(lines[0].lines().count(), 1, "{}", lines[0]);
        assert!(lines[0].ends_with("the limit is 64 KiB"), "{}", lines[0]);
        let (_, lines) = layout(&Ui::plain(100), &rows());
        let under = lines[0].lines().nth(1).unwrap_or_else(|| {
            panic!(
                "at 100 columns the reason should be on a line of its own:\n{}",
                lines[0]
            )
        });
        assert!(
            under == "        the reader accepted a line of 70000 bytes; the limit is 64 KiB",
            "the whole reason, under the title: {under:?}"
        );
    }

    /// A terminal too narrow for the titles cuts them, marked with "…",
    /// to what the id and the label leave; in Chinese never in the middle
    /// of a character two columns wide, and the labels still line up.
    #[test]
    fn titles_are_cut_only_on_a_narrow_terminal() {
        let ui = Ui::plain(60);
        let (starts, lines) = layout(&ui, &rows());
        assert!(
            lines[1].contains("stop accepting, say goodbye, wait… "),
            "at 60 columns, the longest title cut with …: {:?}",
            lines[1]
        );
        assert!(
            lines.iter().flat_map(|l| l.lines()).all(|l| width(l) <= 60),
            "{lines:#?}"
        );
        assert!(
            starts.iter().all(|s| *s == starts[0]),
            "{starts:?}\n{lines:#?}"
        );

        // 26 columns of frame leave an odd number for the title: the cut
        // falls before a whole character, and a space fills the column.
        for columns in [40, 41, 44, 45] {
            let mut ui = Ui::plain(columns);
            ui.zh = true;
            let rows = rows();
            let (starts, lines) = layout(&ui, &rows);
            assert!(
                starts.iter().all(|s| *s == starts[0]),
                "at {columns} columns in Chinese, the labels start at {starts:?}:\n{}",
                lines.join("\n")
            );
            for (r, line) in rows.iter().zip(&lines) {
                let zh = r.title_zh.as_deref().unwrap_or_default();
                let shown = line[8..].split('…').next().unwrap_or_default();
                if width(zh) > title_column(&ui, &rows) {
                    assert!(
                        line.contains('…') && zh.starts_with(shown),
                        "at {columns} columns, {line:?} should show the start of {zh:?}, cut between characters"
                    );
                }
            }
        }
    }
}
