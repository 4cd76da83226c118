//! What to do next: which exercise to work on, and what to tell the learner
//! about it (where to edit, what the grader or the compiler said, the hint
//! command).

use std::path::Path;

use courseinfo::Outcome;

use crate::grade::CompileError;
use crate::ui::Ui;
use crate::verdict::{Row, Verdict};

/// The exercise to work on next: one that does not compile (most likely
/// the one being edited), else the first that fails, else the first not
/// done, in course order.
pub fn exercise(graded: &[(String, Vec<Row>)]) -> Option<&Row> {
    let rows = || graded.iter().flat_map(|(_, rows)| rows);
    rows()
        .find(|r| matches!(r.verdict, Verdict::NotCompiling(_)))
        .or_else(|| {
            rows().find(|r| {
                !matches!(
                    r.verdict,
                    Verdict::Passed | Verdict::Failing(Outcome::NotDone, _)
                )
            })
        })
        .or_else(|| rows().find(|r| r.verdict != Verdict::Passed))
}

/// What to do about `row`: where to edit (the line of its compiler error,
/// or of its first `todo!()`), everything the grader or the compiler said,
/// wrapped to the terminal, and the hint command.
pub fn advice(root: &Path, ui: &Ui, row: &Row) -> String {
    let line = match &row.verdict {
        Verdict::NotCompiling(CompileError {
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
    let said = match &row.verdict {
        Verdict::Passed | Verdict::Failing(Outcome::NotDone, _) => None,
        Verdict::Failing(_, message) | Verdict::Broken(message) if ui.zh => {
            Some(courseinfo::in_chinese(message, row.title_in(ui)))
        }
        Verdict::Failing(_, message) | Verdict::Broken(message) => Some(message.clone()),
        Verdict::NotCompiling(error) => Some(format!(
            "{}\n{}",
            ui.say("The compiler's first error in it:", "它的第一个编译错误："),
            error.rendered
        )),
    };
    if let Some(said) = said {
        out.push('\n');
        // The compiler's text is left as it is: wrapping would break the
        // lines that point at the code.
        if matches!(row.verdict, Verdict::NotCompiling(_)) {
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

/// The line of the first occurrence of `needle` in a file, counting from 1.
pub fn first_line_with(path: &Path, needle: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}
