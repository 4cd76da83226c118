//! Hints in Chinese: every exercise of a finished lesson has its Chinese
//! title and hint in `lessons/lessonNN/hints.zh-CN.toml` (naming all the code
//! its English hint names, so that the two cannot drift apart unnoticed), and
//! `cargo course hint ID` prints them when the locale is Chinese (LC_ALL,
//! LC_MESSAGES or LANG starting with `zh`), the English hint otherwise.

use std::process::Command;

use course::{hints, workspace};

/// Lessons whose hints are all translated. A lesson missing from this list
/// is reported with its count of missing hints but does not fail the test.
const TRANSLATED: &[&str] = &["01", "02", "03", "04", "05"];

/// The text between each pair of backticks.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every exercise of a translated lesson has a Chinese title and hint, and
/// no file names an exercise that does not exist.
#[test]
fn every_exercise_of_a_translated_lesson_has_a_chinese_hint() {
    let root = workspace::root();
    let mut problems = Vec::new();
    for lesson in workspace::lessons(&root).unwrap() {
        let nn = &lesson.lesson.lesson;
        let zh = hints::load(&lesson.dir).unwrap();
        let mut missing = Vec::new();
        for ex in &lesson.lesson.exercises {
            match zh.get(&ex.id) {
                Some(h) if has_chinese(&h.title) && has_chinese(&h.hint) => {
                    // The code the English hint names is in the Chinese one
                    // too, so an English hint that changes its code shows up.
                    for span in code_spans(&ex.hint) {
                        if !h.hint.contains(span) {
                            problems.push(format!(
                                "{}/{}: the Chinese hint for {} lacks `{span}`, which the English hint (exercises.toml) has; bring it up to date",
                                lesson.lesson.folder,
                                hints::FILE,
                                ex.id
                            ));
                        }
                    }
                }
                Some(_) => problems.push(format!(
                    "{}/{}: {} has a title or hint with no Chinese in it",
                    lesson.lesson.folder,
                    hints::FILE,
                    ex.id
                )),
                None => missing.push(ex.id.clone()),
            }
        }
        for id in zh.keys() {
            if lesson.lesson.exercise(id).is_none() {
                problems.push(format!(
                    "{}/{}: names {id}, which exercises.toml does not have",
                    lesson.lesson.folder,
                    hints::FILE
                ));
            }
        }
        let state = if TRANSLATED.contains(&nn.as_str()) {
            "translated"
        } else {
            "in progress"
        };
        println!(
            "lesson {nn}: {} Chinese hint(s) missing ({state})",
            missing.len()
        );
        if TRANSLATED.contains(&nn.as_str()) && !missing.is_empty() {
            problems.push(format!(
                "{}/{}: no Chinese hint for {}",
                lesson.lesson.folder,
                hints::FILE,
                missing.join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `cargo course hint 01-1` under the given locale variables.
fn hint(vars: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_course"));
    cmd.args(["hint", "01-1"])
        .env("COURSE_ROOT", workspace::root());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(name);
    }
    cmd.envs(vars.iter().copied());
    let out = cmd.output().expect("could not run the course tool");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The hint is in Chinese under a Chinese locale and in English otherwise.
#[test]
fn the_hint_speaks_the_learners_language() {
    let root = workspace::root();
    let lesson = root.join("lessons/lesson01");
    let zh = hints::load(&lesson).unwrap();
    let chinese = zh["01-1"].hint.trim();
    let english = workspace::lessons(&root)
        .unwrap()
        .into_iter()
        .find_map(|l| l.lesson.exercise("01-1").map(|e| e.hint.trim().to_string()))
        .unwrap();

    for vars in [
        &[("LANG", "zh_CN.UTF-8")][..],
        &[("LANG", "C"), ("LC_ALL", "zh_CN.UTF-8")],
        &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")],
    ] {
        let out = hint(vars);
        assert!(
            out.contains("练习 01-1") && out.contains(chinese),
            "with {vars:?}, expected the Chinese hint, got:\n{out}"
        );
        assert!(
            !out.contains(&english),
            "with {vars:?}, the English hint was printed too:\n{out}"
        );
    }
    for vars in [
        &[("LANG", "en_US.UTF-8")][..],
        &[],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")],
    ] {
        let out = hint(vars);
        assert!(
            out.contains("Hint for exercise 01-1") && out.contains(&english),
            "with {vars:?}, expected the English hint, got:\n{out}"
        );
        assert!(
            !out.contains(chinese),
            "with {vars:?}, the Chinese hint was printed:\n{out}"
        );
    }
}

/// The exercise a learner edits carries its task in Chinese too: its `//!`
/// block and every `// TODO:` comment are followed by their Chinese, made
/// from the book's translations (`course::shipped`). A change to the
/// English that the translation has not caught up with leaves a block
/// English only, and fails here.
#[test]
fn every_exercise_file_carries_its_task_in_chinese() {
    let root = workspace::root();
    let mut problems = Vec::new();
    for lesson in workspace::lessons(&root).unwrap() {
        for ex in &lesson.lesson.exercises {
            let text = course::shipped::text(&lesson, ex).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            if !lines.iter().any(|l| l.starts_with("//!") && has_chinese(l)) {
                problems.push(format!("{}: no Chinese in the task", ex.id));
            }
            // Each English TODO group is followed, before its todo!(), by a
            // Chinese one.
            for (n, line) in lines.iter().enumerate() {
                let english_todo = line.trim_start().starts_with("// TODO:") && !has_chinese(line);
                if english_todo {
                    let rest = lines[n + 1..]
                        .iter()
                        .take_while(|l| l.trim_start().starts_with("//"));
                    if !rest.clone().any(|l| has_chinese(l)) {
                        problems.push(format!("{}: a TODO with no Chinese: {line:?}", ex.id));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
