//! `cargo course [NN | NN-K]`: grade the lessons, print the table, say how
//! many pass and what to do next. `watch` does the same again on each save.

use std::path::Path;

use crate::grade;
use crate::next_step;
use crate::table;
use crate::ui::Ui;
use crate::verdict::{self, Row, Verdict};
use crate::workspace::{self, LessonOnDisk};

/// Grades every lesson, printing as it goes to stderr; returns each
/// lesson's title and rows.
pub fn grade_all(root: &Path, ui: &Ui, lessons: &[LessonOnDisk]) -> Vec<(String, Vec<Row>)> {
    lessons
        .iter()
        .map(|found| {
            let nn = &found.lesson.number;
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
            (title, verdict::grade_lesson(root, found))
        })
        .collect()
}

/// Grades every lesson (or only lesson `only`, two digits); prints the table
/// and the next step. Returns whether every exercise graded passed.
/// With `focus` (an exercise id), that exercise is the next step, whatever
/// its verdict, so that its whole message shows.
pub fn show(root: &Path, ui: &Ui, only: Option<&str>, focus: Option<&str>) -> Result<bool, String> {
    let mut lessons = workspace::lessons(root)?;
    if let Some(nn) = only {
        lessons.retain(|l| l.lesson.number == nn);
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
        let packages: Vec<String> = lessons.iter().map(LessonOnDisk::package).collect();
        // The time is measured, not guessed: a fresh clone, an empty target
        // folder, the crates already downloaded, a quiet 2-core machine,
        // 2026-12-07: 26 s for `cargo run -p lesson01` and `-p lesson03`,
        // then 36 s for this. README.md says the same; re-measure with
        // `cargo course measure-build`.
        let notice = ui.say(
            "building every lesson's grader (the first time, cargo compiles every dependency: about a minute on a 2-core machine)…",
            "正在构建每一课的评分程序（第一次，cargo 要编译所有依赖：在一台双核机器上大约一分钟）…",
        );
        let _ = crate::ui::say_if_slow(notice, || {
            grade::build_targets(root, None, &packages, &["exercises"])
        });
    }
    let graded = grade_all(root, ui, &lessons);
    table::print(ui, &graded);
    table::say_count(ui, &graded);
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
    if let Some(row) = focused.filter(|r| r.verdict == Verdict::Passed) {
        println!(
            "\n{}",
            ui.say(
                &format!("Exercise {} passes.", row.id),
                &format!("练习 {} 已经通过了。", row.id)
            )
        );
    }
    match focused
        .filter(|r| r.verdict != Verdict::Passed)
        .or_else(|| next_step::exercise(&graded))
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
            println!("{}", next_step::advice(root, ui, row));
            Ok(false)
        }
    }
}
