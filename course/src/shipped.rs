//! An exercise as the course ships it, made from its solution.
//!
//! The learner edits `lessons/lessonNN/src/exK_*.rs`, so nothing else may
//! read that file to learn what the exercise *is*: not the book's exercise
//! pages, not `verify`, not `reset`, not the scratch copy that grades the
//! other exercises while one does not compile. They all take the shipped
//! text from here instead, made from the solution's file, which a learner
//! never edits. Git is not needed (a course downloaded as a zip works), and
//! a learner who commits a solution still gets the exercise back.
//!
//! The rule, one line per `// TODO:` in the solution: the `// TODO:` comment
//! and the `//` lines that continue it (same indentation) are kept; the code
//! after them, up to the end of the enclosing block (the first line indented
//! less than the comment), becomes `todo!()`. So a solution reads as the
//! exercise with each TODO answered right below it. A comment of the
//! solution's own that follows a TODO is set off by a blank line.
//! `cargo course stubs` writes every lesson's exercise files from this rule,
//! and `.ci/run` checks they match (`cargo course stubs --check`).
//!
//! The file a learner edits is bilingual: below the task (the `//!` block)
//! and below each `// TODO:` comment comes its Chinese, taken from the
//! book's translations (`book/po/zh-CN.po`, where the exercise pages have
//! put them: the one translation source), so a Chinese learner reads the
//! task where they work. The book shows each language on its own page
//! ([`unsolve`] alone; its Chinese edition translates the comments).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use courseinfo::ExerciseInfo;

use crate::workspace::LessonOnDisk;

/// The unsolved text of a solution's file: see the module's rule. Line
/// endings are read as LF or CRLF and written as LF.
pub fn unsolve(solution: &str) -> String {
    let lines: Vec<&str> = solution.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        out.push(line.to_string());
        if !line.trim_start().starts_with("// TODO:") {
            continue;
        }
        let depth = indent(line);
        while i < lines.len() {
            let t = lines[i].trim_start();
            if !(t.starts_with("//") && !t.starts_with("// TODO:") && indent(lines[i]) == depth) {
                break;
            }
            out.push(lines[i].to_string());
            i += 1;
        }
        out.push(format!("{}todo!()", &line[..depth]));
        while i < lines.len() && (lines[i].trim().is_empty() || indent(lines[i]) >= depth) {
            i += 1;
        }
    }
    let mut text = out.join("\n");
    if solution.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Exercise `ex` of lesson `found` as shipped: made from the solution's
/// file, with the Chinese of its task and TODO comments (see the module).
pub fn text(found: &LessonOnDisk, ex: &ExerciseInfo) -> Result<String, String> {
    let path = solution_file(found, ex);
    let solution = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the solution {}: {e}", path.display()))?;
    // lessons/lessonNN → the workspace root.
    let root = found
        .dir
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    let chinese = crate::po::load(&root.join("book/po/zh-CN.po"));
    Ok(bilingual(&unsolve(&solution), &chinese))
}

/// `text` with the translation from `chinese` (English → Chinese, as the
/// book's PO file holds code comments: the group's lines joined, the first
/// without its indentation, each ending in a newline) below each `//!`
/// block and each `// TODO:` comment that has one; the `//!` block's
/// Chinese after an empty `//!` line.
pub fn bilingual(text: &str, chinese: &HashMap<String, String>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len() * 2);
    let mut i = 0;
    while i < lines.len() {
        let first = lines[i].trim_start();
        if !(first.starts_with("//!") || first.starts_with("// TODO:")) {
            out.push(lines[i].to_string());
            i += 1;
            continue;
        }
        let end = (i..lines.len())
            .find(|&j| !lines[j].trim_start().starts_with("//"))
            .unwrap_or(lines.len());
        let group = &lines[i..end];
        out.extend(group.iter().map(|l| l.to_string()));
        let mut english = format!("{first}\n");
        for line in &group[1..] {
            english.push_str(line);
            english.push('\n');
        }
        if let Some(zh) = chinese.get(&english) {
            let indent = &lines[i][..lines[i].len() - first.len()];
            if first.starts_with("//!") {
                out.push("//!".to_string());
            }
            for (n, line) in zh.lines().enumerate() {
                out.push(if n == 0 {
                    format!("{indent}{line}")
                } else {
                    line.to_string()
                });
            }
        }
        i = end;
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// `solutions/lessonNN/src/exK_*.rs`, absolute.
pub fn solution_file(found: &LessonOnDisk, ex: &ExerciseInfo) -> PathBuf {
    found.solution_dir.join(&ex.file)
}

/// Whether `a` and `b` are the same text once line endings are made alike
/// (a Windows checkout may hold CRLF where the course has LF).
pub fn same_text(a: &str, b: &str) -> bool {
    a.lines().eq(b.lines()) && a.ends_with('\n') == b.ends_with('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each TODO keeps its comment; the code below it, to the end of its
    /// block, becomes `todo!()`; everything else is left as it is.
    #[test]
    fn todo_blocks_become_todo_calls() {
        let solution = "\
//! Task.
pub fn f() -> u8 {
    // TODO: compute it.
    // More words.

    // The solution's own note.
    let x = 6;
    x * 7
}

pub fn g() {
    if true {
        // TODO: inner.
        println!(\"hi\");
    }
    done();
}
";
        let stub = "\
//! Task.
pub fn f() -> u8 {
    // TODO: compute it.
    // More words.
    todo!()
}

pub fn g() {
    if true {
        // TODO: inner.
        todo!()
    }
    done();
}
";
        assert_eq!(unsolve(solution), stub);
        assert_eq!(
            unsolve(&solution.replace('\n', "\r\n")),
            stub,
            "CRLF in, LF out"
        );
    }

    /// The task and each TODO get their Chinese below them; a comment with
    /// no translation, or that is neither, stays as it is.
    #[test]
    fn the_task_and_todos_get_their_chinese() {
        let text = "//! Task.\n//! More.\n\nfn f() {\n    // TODO: do it.\n    // Well.\n    todo!()\n}\n// other\n";
        let chinese: HashMap<String, String> = [
            ("//! Task.\n//! More.\n", "//! 任务。\n//! 更多。\n"),
            (
                "// TODO: do it.\n    // Well.\n",
                "// TODO: 做。\n    // 好好做。\n",
            ),
            ("// other\n", "// 其他\n"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(
            bilingual(text, &chinese),
            "//! Task.\n//! More.\n//!\n//! 任务。\n//! 更多。\n\nfn f() {\n    // TODO: do it.\n    // Well.\n    // TODO: 做。\n    // 好好做。\n    todo!()\n}\n// other\n"
        );
        assert_eq!(bilingual(text, &HashMap::new()), text);
    }

    /// Line endings do not make two texts differ.
    #[test]
    fn crlf_is_the_same_text() {
        assert!(same_text("a\r\nb\r\n", "a\nb\n"));
        assert!(!same_text("a\nb\n", "a\nc\n"));
        assert!(!same_text("a\nb", "a\nb\n"));
    }
}
