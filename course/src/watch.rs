//! `cargo course watch`: grade again every time a lesson's file is saved.
//!
//! It polls modification times a few times a second instead of asking the
//! operating system for events: one loop that behaves the same on every
//! system, cheap for a few dozen files, and no extra dependency.

use std::io::BufRead;
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime};

use crate::ui::{Colour, Ui};
use crate::verdict::{self, Row};
use crate::workspace::{self, LessonOnDisk};
use crate::{next_step, overview, table};

const POLL: Duration = Duration::from_millis(300);

/// The newest change under a lesson's folder (its sources, tests and hints).
fn fingerprint(found: &LessonOnDisk) -> Option<SystemTime> {
    workspace::newest(&found.dir)
}

/// Watches until the learner types `q` (and Enter) or presses Ctrl-C.
pub fn run(root: &Path) -> Result<bool, String> {
    let lessons = workspace::lessons(root)?;
    let ui = &Ui::detect();
    let mut graded = overview::grade_all(root, ui, &lessons);
    table::print(ui, &graded);
    say_next(root, ui, &graded);
    println!(
        "{}",
        ui.paint(
            Colour::Dim,
            ui.say(
                "Watching for changes. Type q and Enter to stop.",
                "正在等你保存改动。输入 q 并回车即可停止。"
            )
        )
    );

    let (quit_tx, quit_rx) = mpsc::channel();
    thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            match line {
                Ok(l) if l.trim() == "q" => {
                    let _ = quit_tx.send(());
                    return;
                }
                Ok(_) => continue,
                // No terminal, or its input at an end (`< /dev/null`, a
                // script): keep watching; only Ctrl-C stops us then.
                Err(_) => return,
            }
        }
    });

    let mut seen: Vec<Option<SystemTime>> = lessons.iter().map(fingerprint).collect();
    loop {
        match quit_rx.recv_timeout(POLL) {
            Ok(()) => return Ok(next_step::exercise(&graded).is_none()),
            Err(mpsc::RecvTimeoutError::Disconnected) | Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        for (i, found) in lessons.iter().enumerate() {
            let now = fingerprint(found);
            if now == seen[i] {
                continue;
            }
            seen[i] = now;
            // The width again: the terminal may have been resized.
            let ui = &Ui::detect();
            let nn = &found.lesson.number;
            if ui.zh {
                eprintln!("lessons/lesson{nn} 有改动：正在评分…");
            } else {
                eprintln!("change in lessons/lesson{nn}: grading…");
            }
            let rows = verdict::grade_lesson(root, found);
            let changed = changes(&graded[i].1, &rows);
            // The table's title column, so that a changed row lines up
            // with the table above it.
            let column =
                table::title_column(ui, graded.iter().flat_map(|(_, rows)| rows).chain(&rows));
            if changed.is_empty() {
                if ui.zh {
                    println!("第 {nn} 课：没有练习的状态发生变化");
                } else {
                    println!("lesson {nn}: no change in any exercise");
                }
            }
            for (before, after) in changed {
                let was = before.map_or(ui.say("new", "新"), |b| b.verdict.label_in(ui));
                let was = if ui.zh {
                    format!("（之前：{was}）")
                } else {
                    format!("(was {was})")
                };
                // After the row's first line: its detail may be on a second.
                let row = table::render_row(ui, after, column);
                match row.split_once('\n') {
                    Some((first, under)) => println!("{first}   {was}\n{under}"),
                    None => println!("{row}   {was}"),
                }
            }
            graded[i].1 = rows;
            say_next(root, ui, &graded);
        }
    }
}

/// The rows whose verdict is not what it was, with what it was.
fn changes<'a>(before: &'a [Row], after: &'a [Row]) -> Vec<(Option<&'a Row>, &'a Row)> {
    after
        .iter()
        .filter_map(|row| {
            let old = before.iter().find(|b| b.id == row.id);
            (old.map(|o| &o.verdict) != Some(&row.verdict)).then_some((old, row))
        })
        .collect()
}

fn say_next(root: &Path, ui: &Ui, graded: &[(String, Vec<Row>)]) {
    table::say_count(ui, graded);
    match next_step::exercise(graded) {
        None => println!(
            "{}",
            ui.say(
                "Every exercise passes. Well done!",
                "所有练习都通过了，干得好！"
            )
        ),
        Some(row) => println!("{}", next_step::advice(root, ui, row)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    fn row(id: &str, verdict: Verdict) -> Row {
        Row {
            id: id.into(),
            title: String::new(),
            title_zh: None,
            file: String::new(),
            verdict,
        }
    }

    /// Only rows whose verdict changed are reported.
    #[test]
    fn reports_only_changed_rows() {
        let before = [
            row("01-1", Verdict::Passed),
            row("01-2", Verdict::Broken("x".into())),
        ];
        let after = [row("01-1", Verdict::Passed), row("01-2", Verdict::Passed)];
        let changed = changes(&before, &after);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].1.id, "01-2");
    }
}
