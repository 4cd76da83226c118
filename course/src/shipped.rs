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

use std::path::PathBuf;

use testkit::ExerciseInfo;

use crate::workspace::Found;

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

/// Exercise `ex` of lesson `found` as shipped, made from the solution's file.
pub fn text(found: &Found, ex: &ExerciseInfo) -> Result<String, String> {
    let path = solution_file(found, ex);
    let solution = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the solution {}: {e}", path.display()))?;
    Ok(unsolve(&solution))
}

/// `solutions/lessonNN/src/exK_*.rs`, absolute.
pub fn solution_file(found: &Found, ex: &ExerciseInfo) -> PathBuf {
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

    /// Line endings do not make two texts differ.
    #[test]
    fn crlf_is_the_same_text() {
        assert!(same_text("a\r\nb\r\n", "a\nb\n"));
        assert!(!same_text("a\nb\n", "a\nc\n"));
        assert!(!same_text("a\nb", "a\nb\n"));
    }
}
