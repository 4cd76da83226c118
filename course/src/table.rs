//! The table of exercises: one row each, titles in one column wide enough
//! for every title the terminal has room for, labels lined up, and each
//! verdict's one-line detail beside its label or under its title.

use courseinfo::Outcome;

use crate::ui::{Colour, Ui};
use crate::verdict::{Row, Verdict};

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
    let label = Ui::pad(row.verdict.label_in(ui), 16);
    let head = format!(
        "  {:<5} {} {}",
        row.id,
        Ui::pad(row.title_in(ui), title_column),
        ui.paint(colour(&row.verdict), &label)
    );
    let detail = row.verdict.detail().lines().next().unwrap_or_default();
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

/// Prints each lesson's title and rows, one title column for them all.
pub fn print(ui: &Ui, graded: &[(String, Vec<Row>)]) {
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
    let done = rows().filter(|r| r.verdict == Verdict::Passed).count();
    let total = rows().count();
    if ui.zh {
        println!("\n已完成 {done} / {total} 个练习。");
    } else {
        println!("\n{done} of {total} exercises done.");
    }
}

/// The colour of a verdict's label.
fn colour(verdict: &Verdict) -> Colour {
    match verdict {
        Verdict::Passed => Colour::Green,
        Verdict::Failing(Outcome::NotDone, _) => Colour::Yellow,
        Verdict::NotCompiling(_) => Colour::Magenta,
        _ => Colour::Red,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::width;

    fn row(id: &str, title: &str, title_zh: &str, verdict: Verdict) -> Row {
        Row {
            id: id.into(),
            title: title.into(),
            title_zh: Some(title_zh.into()),
            file: String::new(),
            verdict,
        }
    }

    /// Rows of lesson 06 and 07's length, one with a wrong answer's reason.
    fn rows() -> Vec<Row> {
        let wrong = Verdict::Failing(
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
                Verdict::Passed,
            ),
            row(
                "01-1",
                "a countdown future",
                "倒计时 future",
                Verdict::Failing(Outcome::NotDone, String::new()),
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
                    .find(r.verdict.label_in(ui))
                    .unwrap_or_else(|| panic!("no label in {line:?}"));
                width(&line[..at])
            })
            .collect();
        (starts, lines)
    }

    /// On the 100 columns of a pipe (the default) and on a terminal of 80,
    /// every title shows whole while the line has room for it. The labels
    /// line up, and no line is wider than the terminal.
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
