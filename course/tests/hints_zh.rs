//! Hints in two levels and two languages: every exercise has a nudge
//! (`hint`, which names things but shows no code) and a fuller hint
//! (`more`); every exercise of a finished lesson has its Chinese title and
//! both levels in `lessons/lessonNN/hints.zh-CN.toml` (each naming all the
//! code its English twin names, so that the two cannot drift apart
//! unnoticed); and `cargo course hint ID [--more]` prints them when the
//! locale is Chinese (LC_ALL, LC_MESSAGES or LANG starting with `zh`), the
//! English otherwise.

use std::process::Command;

use course::{hints, workspace};

/// Lessons whose hints are all translated. A lesson missing from this list
/// is reported with its count of missing hints but does not fail the test.
const TRANSLATED: &[&str] = &["01", "02", "03", "04", "05", "06", "07", "08"];

/// The text between each pair of backticks.
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every exercise of a translated lesson has a Chinese title and both
/// levels of hint, and no file names an exercise that does not exist.
#[test]
fn every_exercise_of_a_translated_lesson_has_a_chinese_hint() {
    let root = workspace::root();
    let mut problems = Vec::new();
    for lesson in workspace::lessons(&root).unwrap() {
        let nn = &lesson.lesson.number;
        let zh = hints::load(&lesson.dir).unwrap();
        let mut missing = Vec::new();
        for ex in &lesson.lesson.exercises {
            match zh.get(&ex.id) {
                Some(h) if [&h.title, &h.hint, &h.more].iter().all(|t| has_chinese(t)) => {
                    // The code each English level names is in its Chinese
                    // twin too, so an English hint that changes its code
                    // shows up.
                    for (field, english, chinese) in
                        [("hint", &ex.hint, &h.hint), ("more", &ex.more, &h.more)]
                    {
                        for span in code_spans(english) {
                            if !chinese.contains(span) {
                                problems.push(format!(
                                    "{}/{}: the Chinese `{field}` for {} lacks `{span}`, which the English `{field}` (exercises.toml) has; bring it up to date",
                                    lesson.lesson.folder,
                                    hints::FILE,
                                    ex.id
                                ));
                            }
                        }
                    }
                }
                Some(_) => problems.push(format!(
                    "{}/{}: {} has a title, hint or more with no Chinese in it",
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

/// Every exercise has both levels, in English and in Chinese where there
/// is Chinese: a nudge that points at the tool without showing the code
/// (`hints::code_in_nudge`: no backticked span with a call, a block, a
/// statement or an assignment in it), and a fuller hint that says more
/// than the nudge.
#[test]
fn every_exercise_has_a_nudge_without_code_and_a_fuller_hint() {
    let root = workspace::root();
    let mut problems = Vec::new();
    for lesson in workspace::lessons(&root).unwrap() {
        let zh = hints::load(&lesson.dir).unwrap();
        for ex in &lesson.lesson.exercises {
            let mut levels = vec![("exercises.toml", &ex.hint, &ex.more)];
            if let Some(h) = zh.get(&ex.id) {
                levels.push((hints::FILE, &h.hint, &h.more));
            }
            for (file, nudge, more) in levels {
                let at = format!("{}/{file}, {}", lesson.lesson.folder, ex.id);
                if nudge.trim().is_empty() || more.trim().is_empty() {
                    problems.push(format!("{at}: `hint` and `more` must both be written"));
                    continue;
                }
                if nudge.trim() == more.trim() {
                    problems.push(format!(
                        "{at}: `hint` is the same as `more`; the nudge points at the tool, `more` shows the code"
                    ));
                }
                if let Some(why) = hints::code_in_nudge(nudge) {
                    problems.push(format!("{at}: the nudge (`hint`) shows code: {why}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `cargo course hint 01-1` (with `extra` after it) under the given locale
/// variables.
fn hint(extra: &[&str], vars: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_course"));
    cmd.args(["hint", "01-1"])
        .args(extra)
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

/// Both levels are in Chinese under a Chinese locale and in English
/// otherwise; the nudge says how to get more and never shows the fuller
/// hint, `--more` shows the fuller hint and not the nudge.
#[test]
fn the_hint_speaks_the_learners_language() {
    let root = workspace::root();
    let lesson = root.join("lessons/lesson01");
    let zh = &hints::load(&lesson).unwrap()["01-1"];
    let lessons = workspace::lessons(&root).unwrap();
    let en = lessons
        .iter()
        .find_map(|l| l.lesson.exercise("01-1"))
        .unwrap();
    let chinese = [zh.hint.trim(), zh.more.trim()];
    let english = [en.hint.trim(), en.more.trim()];
    let ask_more = "cargo course hint 01-1 --more";

    let zh_vars: [&[(&str, &str)]; 3] = [
        &[("LANG", "zh_CN.UTF-8")],
        &[("LANG", "C"), ("LC_ALL", "zh_CN.UTF-8")],
        &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")],
    ];
    let en_vars: [&[(&str, &str)]; 3] = [
        &[("LANG", "en_US.UTF-8")],
        &[],
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")],
    ];
    for (vars, heading, mine, other) in zh_vars
        .iter()
        .map(|v| (v, "练习 01-1", chinese, english))
        .chain(
            en_vars
                .iter()
                .map(|v| (v, "exercise 01-1", english, chinese)),
        )
    {
        let nudge = hint(&[], vars);
        assert!(
            nudge.contains(heading) && nudge.contains(mine[0]) && nudge.contains(ask_more),
            "with {vars:?}, expected the nudge in the learner's language and how to ask for more, got:\n{nudge}"
        );
        assert!(
            !nudge.contains(mine[1]),
            "with {vars:?}, the nudge showed the fuller hint too:\n{nudge}"
        );
        let more = hint(&["--more"], vars);
        assert!(
            more.contains(heading) && more.contains(mine[1]) && !more.contains(mine[0]),
            "with {vars:?}, --more should show the fuller hint alone, got:\n{more}"
        );
        for out in [&nudge, &more] {
            assert!(
                other.iter().all(|o| !out.contains(o)),
                "with {vars:?}, the other language's hint was printed:\n{out}"
            );
        }
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
