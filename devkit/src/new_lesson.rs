//! `cargo course new-lesson NN "Title"`: the files of a new lesson, in both
//! editions, laid out as `CONTRIBUTING.md` lists them, with one exercise
//! that fails unsolved, passes solved and has one wrong answer, so the
//! lesson builds, grades and passes `verify`, `wrong` and `stubs --check`
//! from its first commit. Every text is a stub to replace; the Chinese the
//! scaffold cannot know (the lesson's title) is marked [`TO_TRANSLATE`].
//!
//! The lesson's dependencies are lesson 01's, so that a change to how the
//! manifests list them reaches a new lesson too. The exercise file is
//! written from its solution, as `cargo course stubs` writes it, after the
//! Chinese of its comments is in `book/po/zh-CN.po`.

use std::path::Path;

use course::{shipped, workspace};

/// What marks a Chinese text the scaffold could not write: the lesson's
/// title, which only the maintainer can translate.
pub const TO_TRANSLATE: &str = "待译：";

/// Writes lesson `number` (as the learner names it: `9`, `09`) with `title`;
/// returns the files written and changed, from the workspace root.
///
/// # Errors
/// One line, writing nothing, when the number is not a lesson's or is
/// taken, or the title is empty or more than one line.
pub fn create(root: &Path, number: &str, title: &str) -> Result<Vec<String>, String> {
    let nn = match workspace::parse_name(number) {
        Some(named) if named.exercise.is_none() => named.lesson,
        _ => {
            return Err(format!(
                "new-lesson takes a lesson number from 01 to 99, as in 09, not {number:?}"
            ));
        }
    };
    let title = title.trim();
    if title.is_empty() || title.contains('\n') || title.contains('"') || title.contains('\\') {
        return Err(format!(
            "new-lesson takes the chapter's title as one line without quotes or backslashes, \
             not {title:?}"
        ));
    }
    for folder in ["lessons", "solutions", "book/src"] {
        let taken = root.join(folder).join(format!("lesson{nn}"));
        if taken.exists() {
            return Err(format!(
                "lesson {nn} exists ({folder}/lesson{nn}); pick a number no lesson has"
            ));
        }
    }
    let summary_path = root.join("book/src/SUMMARY.md");
    let summary =
        std::fs::read_to_string(&summary_path).map_err(|e| format!("book/src/SUMMARY.md: {e}"))?;
    let po_path = root.join("book/po/zh-CN.po");
    let po = std::fs::read_to_string(&po_path).map_err(|e| format!("book/po/zh-CN.po: {e}"))?;
    let dependencies = dependencies_of(&root.join("lessons/lesson01/Cargo.toml"))?;
    let root_manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;

    let n: u32 = nn.parse().unwrap_or_default();
    let fill = |text: &str| {
        text.replace("{NN}", &nn)
            .replace("{N}", &n.to_string())
            .replace("{TITLE}", title)
            .replace("{DEPENDENCIES}", &dependencies)
    };
    let lesson = format!("lessons/lesson{nn}");
    let solution = format!("solutions/lesson{nn}");
    let book = format!("book/src/lesson{nn}");
    let files: Vec<(String, String)> = [
        (format!("{lesson}/Cargo.toml"), LESSON_MANIFEST),
        (format!("{lesson}/exercises.toml"), EXERCISES_TOML),
        (format!("{lesson}/hints.zh-CN.toml"), HINTS_ZH),
        (format!("{lesson}/src/lib.rs"), LESSON_LIB),
        (format!("{lesson}/src/main.rs"), MAIN),
        (format!("{lesson}/src/example.rs"), EXAMPLE),
        (format!("{lesson}/tests/exercises.rs"), GRADER),
        (format!("{lesson}/tests/program.rs"), PROGRAM_TESTS),
        (format!("{solution}/Cargo.toml"), SOLUTION_MANIFEST),
        (format!("{solution}/src/lib.rs"), SOLUTION_LIB),
        (format!("{solution}/src/ex1_later.rs"), EXERCISE_SOLVED),
        (format!("{solution}/wrong.toml"), WRONG_TOML),
        (format!("{book}/index.md"), CHAPTER),
        (format!("{book}/exercises.md"), EXERCISES_PAGE),
        (format!("{book}/solutions.md"), SOLUTIONS_PAGE),
    ]
    .into_iter()
    .map(|(path, text)| (path, fill(text)))
    .collect();

    let summary = with_chapter(&summary, &fill(SUMMARY_ENTRY));
    let mut po = po;
    if !po.ends_with('\n') {
        po.push('\n');
    }
    for (page, english, chinese) in TRANSLATIONS {
        let (page, english, chinese) = (fill(page), fill(english), fill(chinese));
        if po.contains(&format!("msgid \"{}\"\n", po_escape(&english))) {
            continue;
        }
        po.push_str(&format!(
            "\n#: src/{page}\nmsgid \"{}\"\nmsgstr \"{}\"\n",
            po_escape(&english),
            po_escape(&chinese)
        ));
    }

    let mut written = Vec::new();
    for (path, text) in &files {
        write(root, path, text)?;
        written.push(path.clone());
    }
    write(root, "book/src/SUMMARY.md", &summary)?;
    // The solution is built, not edited: no incremental cache for it (the
    // root manifest's [profile.dev] says why; course/tests/features.rs checks).
    let section = format!("[profile.dev.package.lesson{nn}-solution]\nincremental = false\n");
    if !root_manifest.contains(&section) {
        let at = root_manifest
            .find("[profile.dev.package.course]")
            .unwrap_or(root_manifest.len());
        let manifest = format!("{}{section}{}", &root_manifest[..at], &root_manifest[at..]);
        write(root, "Cargo.toml", &manifest)?;
        written.push("Cargo.toml".into());
    }
    write(root, "book/po/zh-CN.po", &po)?;
    written.extend(["book/src/SUMMARY.md".into(), "book/po/zh-CN.po".into()]);
    // The learner's exercise file, made from its solution as `stubs` makes it.
    let found = workspace::lessons(root)?
        .into_iter()
        .find(|l| l.lesson.number == nn)
        .ok_or_else(|| format!("lesson {nn} was written but is not found"))?;
    for ex in &found.lesson.exercises {
        let path = format!("{lesson}/{}", ex.file);
        write(root, &path, &shipped::text(&found, ex)?)?;
        written.push(path);
    }
    Ok(written)
}

fn write(root: &Path, path: &str, text: &str) -> Result<(), String> {
    let full = root.join(path);
    if let Some(parent) = full.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{path}: {e}"))?;
    }
    std::fs::write(&full, text).map_err(|e| format!("{path}: {e}"))
}

/// The dependency tables of a lesson's manifest (`[dependencies]`,
/// `[build-dependencies]`, `[dev-dependencies]`, and their
/// `[target.….dependencies]` forms), without their comments.
fn dependencies_of(manifest: &Path) -> Result<String, String> {
    let text =
        std::fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let mut out = String::new();
    let mut keep = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            keep = trimmed.trim_matches(['[', ']']).ends_with("dependencies");
            if keep && !out.is_empty() {
                out.push('\n');
            }
        }
        if keep && !trimmed.is_empty() && !trimmed.starts_with('#') {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out.trim_end().to_string())
}

/// `summary` with `entry` (the chapter and its two pages) after the last
/// chapter's entries.
fn with_chapter(summary: &str, entry: &str) -> String {
    let lines: Vec<&str> = summary.lines().collect();
    let last = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with("- [") && l.contains("/solutions.md)"))
        .map_or(lines.len(), |i| i + 1);
    let mut out: Vec<&str> = lines[..last].to_vec();
    out.extend(entry.lines());
    out.extend(&lines[last..]);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// A PO string's escapes, for text on one line.
fn po_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
}

const LESSON_MANIFEST: &str = r#"[package]
name = "lesson{NN}"
version = "0.1.0"
description = "Lesson {NN}: {TITLE}."
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

{DEPENDENCIES}

# The grader. The solution crate runs this very file.
[[test]]
name = "exercises"
path = "tests/exercises.rs"

[lints]
workspace = true
"#;

const SOLUTION_MANIFEST: &str = r#"# Lesson {NN}, solved. Only the exercise files live here; the program, the
# lesson's other modules and the tests are the lesson's own files, compiled
# against these solutions, so the two crates cannot drift apart.
[package]
name = "lesson{NN}-solution"
version = "0.1.0"
description = "Lesson {NN} with every exercise solved."
edition.workspace = true
rust-version.workspace = true
license.workspace = true
publish.workspace = true

[lib]
# The same name as the lesson's library, so the lesson's program and tests
# (`use lesson{NN}::...`) compile against the solutions unchanged.
name = "lesson{NN}"
path = "src/lib.rs"

[[bin]]
name = "lesson{NN}-solution"
path = "../../lessons/lesson{NN}/src/main.rs"

[[test]]
name = "exercises"
path = "../../lessons/lesson{NN}/tests/exercises.rs"

{DEPENDENCIES}

[lints]
workspace = true
"#;

const EXERCISES_TOML: &str = r#"# Lesson {NN}'s exercises: one entry per exercise, in order (CONTRIBUTING.md,
# "Exercises"). `hint` is the nudge, with no code that solves the exercise;
# `more` is the fuller hint, code and all. The tests for an exercise live in
# tests/exercises.rs, in the module named after its file.
lesson = "{NN}"
folder = "lessons/lesson{NN}"
title = "{TITLE}"

[[exercise]]
id = "{NN}-1"
file = "src/ex1_later.rs"
title = "a value one second later"
hint = """
An async function can wait without holding up its thread. Which function
of `tokio::time` waits, and what must follow it for the wait to happen?"""
more = """
`tokio::time::sleep(Duration::from_secs(1)).await;` and then `n * 2`.
Without the `.await`, the sleep is a future nobody polls: no time passes."""
"#;

const HINTS_ZH: &str = r#"# 第 {NN} 课各练习的中文提示（见 CONTRIBUTING.md）：每个编号一张表，
# title 是练习的中文标题，hint 是点拨，more 是更完整的提示。
# 最上面的 title 是本课的中文标题。

title = "待译：{TITLE}"

["{NN}-1"]
title = "一秒之后的值"
hint = '''
async 函数可以等待，而不占住它的线程。`tokio::time` 里哪个函数负责等待？
要让等待真的发生，它后面还得跟着什么？'''
more = '''
`tokio::time::sleep(Duration::from_secs(1)).await;`，然后返回 `n * 2`。
少了 `.await`，sleep 只是一个没人轮询的 future：时间一点也不会过去。'''
"#;

const LESSON_LIB: &str = r#"//! Lesson {NN}: {TITLE}.
//!
//! What the lesson is about, in a paragraph: replace this with the idea the
//! chapter teaches.
//!
//! # Layout
//! - [`example`]: the worked example the chapter shows.
//! - `ex1_later`: the exercise. The only file you edit;
//!   `tests/exercises.rs` grades it.
//!
//! `cargo run -p lesson{NN}` runs the lesson's program; `cargo test -p
//! lesson{NN}` grades the exercises.

// While an exercise still holds its `todo!()`, the names its task gives you
// are unused; these allowances keep that from burying real warnings in noise.
// The solution crate has none of them.
#![allow(unused_imports, unused_variables, unused_mut, dead_code)]

pub mod example;

pub mod ex1_later;
"#;

const SOLUTION_LIB: &str = r#"//! Lesson {NN}, solved. The exercise modules are this folder's own files; the
//! rest is the lesson's, shared by path so there is one copy of it.

#[path = "../../../lessons/lesson{NN}/src/example.rs"]
pub mod example;

pub mod ex1_later;
"#;

const EXAMPLE: &str = r#"//! The worked example chapter {N} shows by anchor: replace it with the
//! lesson's own. It answers no exercise.

// ANCHOR: example
pub async fn add_one(n: u32) -> u32 {
    n + 1
}

pub async fn add_two(n: u32) -> u32 {
    add_one(add_one(n).await).await
}
// ANCHOR_END: example
"#;

const MAIN: &str = r#"//! Lesson {NN}'s program: `cargo run -p lesson{NN}`. It needs none of the
//! exercises, so it works before any is solved.

use std::process::ExitCode;

use lesson{NN}::example;
use lessonkit::say;

const USAGE: &str = "\
usage: cargo run -p lesson{NN}

Runs chapter {N}'s worked example on a tokio runtime.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        [] => {}
        ["-h" | "--help"] => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            return lessonkit::bad_argument(
                "lesson{NN}",
                format!("unexpected arguments {args:?} (--help says what it does)"),
            );
        }
    }
    let runtime = match tokio::runtime::Builder::new_current_thread().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("lesson{NN}: cannot start tokio: {e}");
            return ExitCode::FAILURE;
        }
    };
    let sum = runtime.block_on(example::add_two(40));
    say!("add_two(40) is {sum}");
    ExitCode::SUCCESS
}
"#;

const PROGRAM_TESTS: &str = r#"//! The lesson's program, run as a learner runs it. These tests need no
//! exercise solved: the program must work before any is.

fn lesson{NN}(args: &[&str]) -> (i32, String, String) {
    testkit::run_program(env!("CARGO_BIN_EXE_lesson{NN}"), args)
}

/// The program runs the chapter's example and says what it got.
#[test]
fn the_program_runs_the_example() {
    let (status, stdout, stderr) = lesson{NN}(&[]);
    assert_eq!(status, 0, "lesson{NN} failed: {stderr}");
    assert_eq!(stdout, "add_two(40) is 42\n", "lesson{NN} printed {stdout:?}");
}

/// A bad argument is one line on standard error and exit status 2.
#[test]
fn a_bad_argument_is_one_line() {
    let (status, stdout, stderr) = lesson{NN}(&["--frobnicate"]);
    assert_eq!(status, 2, "a bad argument should exit with 2; stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line, not: {stderr:?}");
    assert!(stdout.is_empty(), "nothing on standard output, not: {stdout:?}");
}
"#;

const GRADER: &str = r#"//! Lesson {NN}'s grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.

use std::time::Duration;

const LESSON: &str = include_str!("../exercises.toml");

/// The grader for exercise `id`.
fn ex(id: &str) -> testkit::Grader {
    testkit::exercise(LESSON, id)
}

mod ex1_later {
    use super::*;
    use lesson{NN}::ex1_later::later;
    use testkit::tokio::time::Instant;

    /// `later(21)` is 42, and comes no sooner than a second later on tokio's
    /// clock (paused, so the test spends no real second).
    #[test]
    fn later_is_twice_its_input_one_second_on() {
        ex("{NN}-1").check_async(|| async {
            let start = Instant::now();
            let got = later(21).await;
            let waited = start.elapsed();
            assert_eq!(got, 42, "later(21) returned {got}; expected 42, twice its input");
            assert!(
                waited >= Duration::from_secs(1),
                "later(21) returned after {waited:?} on tokio's clock; expected one second: \
                 is the sleep awaited?"
            );
        });
    }
}
"#;

const EXERCISE_SOLVED: &str = r#"//! Exercise {NN}-1: a value one second later.
//!
//! `later(n)` must wait one second on tokio's clock, without holding up its
//! thread, and then return `n * 2`.
//!
//! Edit this file only. Check it with `cargo test -p lesson{NN} ex1`.

use std::time::Duration;

/// Twice `n`, one second from now.
pub async fn later(n: u32) -> u32 {
    // TODO: sleep one second with `tokio::time::sleep`, then return `n * 2`.
    tokio::time::sleep(Duration::from_secs(1)).await;
    n * 2
}
"#;

const WRONG_TOML: &str = r#"# Wrong answers the grader must reject: each is this folder's solution with
# one mistake a learner could plausibly make (CONTRIBUTING.md, "Tests").

[[wrong]]
exercise = "{NN}-1"
mistake = "the sleep is made but never awaited"
replace = "tokio::time::sleep(Duration::from_secs(1)).await;"
with = "let _ = tokio::time::sleep(Duration::from_secs(1));"
"#;

const CHAPTER: &str = r#"# {N}. {TITLE}

What this chapter teaches, in a paragraph: the idea, the program that shows it (`cargo run -p lesson{NN}`), and the exercises that practise it.

## The idea in Rust

The worked example, included from the file CI compiles:

```rust
{{#include ../../../lessons/lesson{NN}/src/example.rs:example}}
```
"#;

const EXERCISES_PAGE: &str = r#"# Exercises for chapter {N}

Each exercise is one file in `lessons/lesson{NN}/src/`, shown here as the course ships it (your edits never show here; `cargo course reset {NN}-1` brings this version back): the task at the top, a `// TODO:` where your code goes. Grade one with `cargo test -p lesson{NN} ex1`, all of them with `cargo test -p lesson{NN}`, and every lesson with `cargo course`. Stuck? `cargo course hint {NN}-1`.

## {NN}-1 · A value one second later

```rust
{{#exercise ../../../solutions/lesson{NN}/src/ex1_later.rs}}
```
"#;

const SOLUTIONS_PAGE: &str = r#"# Solutions for chapter {N}

The files of `solutions/lesson{NN}/src/`, which pass the very tests that grade your lesson (`cargo test -p lesson{NN}-solution`). If yours passes too, it is right.

## {NN}-1 · A value one second later

```rust
{{#include ../../../solutions/lesson{NN}/src/ex1_later.rs}}
```
"#;

const SUMMARY_ENTRY: &str = "\
- [{TITLE}](lesson{NN}/index.md)
  - [Exercises](lesson{NN}/exercises.md)
  - [Solutions](lesson{NN}/solutions.md)";

/// The Chinese of every message the new pages add to the book (the page
/// each is first on, its English, its Chinese), one PO entry each, as
/// `cargo course po` extracts them: paragraphs and headings whole, and each
/// comment of included code as one group of lines.
const TRANSLATIONS: &[(&str, &str, &str)] = &[
    ("SUMMARY.md", "{TITLE}", "待译：{TITLE}"),
    ("lesson{NN}/index.md", "{N}. {TITLE}", "{N}. 待译：{TITLE}"),
    (
        "lesson{NN}/index.md",
        "What this chapter teaches, in a paragraph: the idea, the program that shows it \
         (`cargo run -p lesson{NN}`), and the exercises that practise it.",
        "用一段话说明本章讲什么：要讲的道理、演示它的程序（`cargo run -p lesson{NN}`），\
         以及用来练习它的练习。",
    ),
    ("lesson{NN}/index.md", "The idea in Rust", "用 Rust 来写"),
    (
        "lesson{NN}/index.md",
        "The worked example, included from the file CI compiles:",
        "示例代码，取自 CI 编译的那个文件：",
    ),
    (
        "lesson{NN}/exercises.md",
        "Exercises for chapter {N}",
        "第 {N} 章练习",
    ),
    (
        "lesson{NN}/exercises.md",
        "Each exercise is one file in `lessons/lesson{NN}/src/`, shown here as the course \
         ships it (your edits never show here; `cargo course reset {NN}-1` brings this \
         version back): the task at the top, a `// TODO:` where your code goes. Grade one \
         with `cargo test -p lesson{NN} ex1`, all of them with `cargo test -p lesson{NN}`, \
         and every lesson with `cargo course`. Stuck? `cargo course hint {NN}-1`.",
        "每个练习是 `lessons/lesson{NN}/src/` 里的一个文件，这里展示的是课程发布时的样子\
         （你的修改不会出现在这里；`cargo course reset {NN}-1` 可以恢复这个版本）：顶部是任务，\
         `// TODO:` 处是你写代码的地方。用 `cargo test -p lesson{NN} ex1` 给一个练习评分，\
         用 `cargo test -p lesson{NN}` 给全部练习评分，用 `cargo course` 给每一课评分。\
         卡住了？运行 `cargo course hint {NN}-1`。",
    ),
    (
        "lesson{NN}/exercises.md",
        "{NN}-1 · A value one second later",
        "{NN}-1 · 一秒之后的值",
    ),
    (
        "lesson{NN}/exercises.md",
        "//! Exercise {NN}-1: a value one second later.\n//!\n//! `later(n)` must wait one \
         second on tokio's clock, without holding up its\n//! thread, and then return `n * \
         2`.\n//!\n//! Edit this file only. Check it with `cargo test -p lesson{NN} ex1`.\n",
        "//! 练习 {NN}-1：一秒之后的值。\n//!\n//! `later(n)` 必须在 tokio 的时钟上等待一秒，\
         不占住它的线程，\n//! 然后返回 `n * 2`。\n//!\n//! 只编辑这个文件。用 \
         `cargo test -p lesson{NN} ex1` 检查。\n",
    ),
    (
        "lesson{NN}/exercises.md",
        "/// Twice `n`, one second from now.\n",
        "/// 一秒之后，返回 `n` 的两倍。\n",
    ),
    (
        "lesson{NN}/exercises.md",
        "// TODO: sleep one second with `tokio::time::sleep`, then return `n * 2`.\n",
        "// TODO: 用 `tokio::time::sleep` 睡一秒，然后返回 `n * 2`。\n",
    ),
    (
        "lesson{NN}/solutions.md",
        "Solutions for chapter {N}",
        "第 {N} 章参考答案",
    ),
    (
        "lesson{NN}/solutions.md",
        "The files of `solutions/lesson{NN}/src/`, which pass the very tests that grade your \
         lesson (`cargo test -p lesson{NN}-solution`). If yours passes too, it is right.",
        "`solutions/lesson{NN}/src/` 里的文件，它们通过的正是给你的课程评分的那些测试\
         （`cargo test -p lesson{NN}-solution`）。你的答案也能通过，就是对的。",
    ),
];

#[cfg(test)]
mod tests {
    use course::grade::{self, Run, Status};
    use course::verdict::{self, Verdict};
    use course::{fixture, workspace};
    use courseinfo::Outcome;

    use super::{CHAPTER, EXERCISE_SOLVED, EXERCISES_PAGE, SOLUTIONS_PAGE, TRANSLATIONS, create};

    /// Every paragraph and heading of the new pages, and every comment of
    /// the exercise they show, has its Chinese in [`TRANSLATIONS`], so a
    /// template edited without its translation shows up here (lesson 97's
    /// own book messages were checked against `cargo course po` once).
    #[test]
    fn every_text_of_the_new_pages_has_its_chinese() {
        let english: Vec<&str> = TRANSLATIONS.iter().map(|(_, en, _)| *en).collect();
        let mut texts = Vec::new();
        for page in [CHAPTER, EXERCISES_PAGE, SOLUTIONS_PAGE] {
            // The templates' code blocks have no blank line inside.
            for block in page.split("\n\n") {
                if block.starts_with("```") {
                    continue;
                }
                texts.push(
                    block
                        .trim()
                        .trim_start_matches('#')
                        .trim()
                        .replace('\n', " "),
                );
            }
        }
        let lines: Vec<&str> = EXERCISE_SOLVED.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let first = lines[i].trim_start();
            if !first.starts_with("//") {
                i += 1;
                continue;
            }
            let end = (i..lines.len())
                .find(|&j| !lines[j].trim_start().starts_with("//"))
                .unwrap_or(lines.len());
            let mut group = format!("{first}\n");
            for line in &lines[i + 1..end] {
                group.push_str(line);
                group.push('\n');
            }
            texts.push(group);
            i = end;
        }
        for text in &texts {
            assert!(
                english.contains(&text.as_str()),
                "no Chinese in TRANSLATIONS for {text:?}"
            );
        }
    }

    /// A lesson scaffolded in a copy of the workspace builds; graded as
    /// `cargo course` grades, its exercise is "not done yet" unsolved and
    /// passes solved; its exercise file is as `stubs` makes it, with the
    /// Chinese of its task; and a number a lesson has is refused in one line.
    #[test]
    fn a_scaffolded_lesson_builds_and_grades() {
        let root = workspace::root();
        let copy = fixture::create(&root, "new-lesson", &["lesson01"]).expect("a copy");
        for file in ["book/src/SUMMARY.md", "book/po/zh-CN.po"] {
            std::fs::create_dir_all(copy.join(file).parent().expect("a folder")).expect("mkdir");
            std::fs::copy(root.join(file), copy.join(file)).expect("copied");
        }
        let written = create(&copy, "97", "A lesson to come").expect("scaffolded");
        assert!(written.len() >= 18, "the scaffold wrote only {written:#?}");
        let members: Vec<String> = ["lessons/lesson01", "solutions/lesson01"]
            .into_iter()
            .chain(["lessons/lesson97", "solutions/lesson97"])
            .map(String::from)
            .chain(fixture::SHARED.map(String::from))
            .collect();
        let manifest = fixture::manifest(&root, &copy, &members, None).expect("a manifest");
        std::fs::write(copy.join("Cargo.toml"), manifest).expect("written");

        let lessons = workspace::lessons(&copy).expect("the copy's lessons");
        let found = lessons
            .iter()
            .find(|l| l.lesson.number == "97")
            .expect("lesson 97 is found");
        let target = fixture::target_dir(&root);
        let rows = verdict::grade_lesson_in(&copy, Some(&target), found);
        assert!(
            matches!(
                rows.as_slice(),
                [row] if matches!(row.verdict, Verdict::Failing(Outcome::NotDone, _))
            ),
            "unsolved, the scaffold's one exercise should be not done yet: {rows:#?}"
        );
        match grade::run_grader(
            &copy,
            Some(&target),
            &found.solution_package(),
            &found.grader_modules(),
        ) {
            Run::Ran { tests, timed_out } => assert!(
                !tests.is_empty()
                    && timed_out.is_empty()
                    && tests.iter().all(|t| t.status == Status::Passed),
                "solved, every test of the scaffold should pass: {tests:#?}"
            ),
            Run::CompileError(errors) => panic!("the solution does not compile: {errors:#?}"),
        }

        // The copy's lesson 01 was written before its book was there, so
        // without the Chinese: only lesson 97 is the scaffold's.
        let differing: Vec<String> = crate::stubs::run(&copy, true)
            .expect("stubs --check")
            .into_iter()
            .filter(|line| line.contains("lesson97"))
            .collect();
        assert!(differing.is_empty(), "{differing:#?}");
        let exercise = std::fs::read_to_string(copy.join("lessons/lesson97/src/ex1_later.rs"))
            .expect("the exercise file");
        assert!(
            exercise.contains("//! 练习 97-1") && exercise.contains("// TODO: 用"),
            "the exercise file should carry its task's and its TODO's Chinese:\n{exercise}"
        );

        for taken in ["97", "1"] {
            let said = create(&copy, taken, "Again").expect_err("a lesson has this number");
            assert!(
                said.contains("exists") && !said.contains('\n'),
                "new-lesson {taken} should be refused in one line, not: {said}"
            );
        }
        let said = create(&copy, "100", "Too far").expect_err("no lesson number");
        assert!(!said.contains('\n'), "{said}");
    }
}
