//! From the book's sources: every `{{#include FILE:ANCHOR}}` (and
//! `{{#exercise FILE}}`) names a file that exists and an anchor it has, and
//! the code of every anchor of a Rust or Python file has balanced brackets
//! ([`super::balance`]).

use super::balance::{Lang, anchored_lines, unbalanced};
use super::*;

/// Every `{{#include FILE:ANCHOR}}` in the book's sources names a file that
/// exists and an anchor that file has. mdBook reports a missing file, but a
/// missing anchor silently includes nothing. An anchor of a Rust or Python
/// file must also show code whose `()`, `[]` and `{}` pair up (each anchor
/// is reported once, however many pages include it).
pub fn check_includes(src: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let mut balanced_checked = HashSet::new();
    for page in files_with(src, "md")? {
        let text =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let name = page
            .strip_prefix(src)
            .unwrap_or(&page)
            .display()
            .to_string();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("{{#") {
            rest = &rest[at + 3..];
            let Some(end) = rest.find("}}") else { break };
            let directive = &rest[..end];
            rest = &rest[end..];
            let Some(arg) = directive
                .strip_prefix("include ")
                .or_else(|| directive.strip_prefix("rustdoc_include "))
                .or_else(|| directive.strip_prefix("exercise "))
            else {
                continue;
            };
            let (file, anchor) = arg.trim().split_once(':').unwrap_or((arg.trim(), ""));
            let path = page.parent().unwrap_or(src).join(file);
            let Ok(source) = std::fs::read_to_string(&path) else {
                problems.push(format!("{name}: includes {file}, which does not exist"));
                continue;
            };
            let is_range =
                anchor.is_empty() || anchor.chars().all(|c| c.is_ascii_digit() || c == ':');
            if !is_range {
                let has = |marker: &str| {
                    source.lines().any(|l| {
                        l.split_once(marker)
                            .is_some_and(|(_, n)| n.trim() == anchor)
                    })
                };
                if !has("ANCHOR:") || !has("ANCHOR_END:") {
                    problems.push(format!(
                        "{name}: includes {file}:{anchor}, but that file has no such anchor"
                    ));
                } else if let Some(lang) = Lang::of(file)
                    && balanced_checked.insert((normalize(&path), anchor.to_string()))
                    && let Some(why) =
                        anchored_lines(&source, anchor).and_then(|lines| unbalanced(&lines, lang))
                {
                    problems.push(format!(
                        "{name}: includes {file}:{anchor}, whose brackets do not balance: {why}; move the anchor's ANCHOR_END (or its ANCHOR) so that it shows whole items"
                    ));
                }
            }
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An include of a missing anchor or file is found in the sources.
    #[test]
    fn finds_includes_of_missing_anchors() {
        let dir = std::env::temp_dir().join(format!("bookcheck-src-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("code.rs"),
            "// ANCHOR: here\nfn f() {}\n// ANCHOR_END: here\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("page.md"),
            "{{#include code.rs:here}} {{#include code.rs:3:5}} {{#include code.rs:there}} {{#include gone.rs}}",
        )
        .unwrap();
        let problems = check_includes(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].contains("code.rs:there"), "{problems:#?}");
        assert!(problems[1].contains("gone.rs"), "{problems:#?}");
    }

    /// An anchor that stops in the middle of a function is reported with
    /// its file, its anchor and the bracket left open, once however many
    /// pages include it; a whole item, or a text file, is not.
    #[test]
    fn finds_anchors_whose_brackets_do_not_balance() {
        let dir = std::env::temp_dir().join(format!("bookcheck-balance-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("code.rs"),
            "// ANCHOR: whole\nfn f() {\n    g(\"}\");\n}\n// ANCHOR_END: whole\n\
             // ANCHOR: half\nfn h() {\n    loop {\n// ANCHOR_END: half\n        g();\n    }\n}\n",
        )
        .unwrap();
        std::fs::write(dir.join("notes.txt"), "ANCHOR: t\n( open\nANCHOR_END: t\n").unwrap();
        std::fs::write(
            dir.join("page.md"),
            "{{#include code.rs:whole}} {{#include code.rs:half}} {{#include notes.txt:t}}",
        )
        .unwrap();
        std::fs::write(dir.join("again.md"), "{{#include code.rs:half}}").unwrap();
        let problems = check_includes(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].contains("code.rs:half")
                && problems[0].contains("`{` opened on line 8 is never closed (and 1 more)"),
            "{problems:#?}"
        );
    }
}
