//! Reading the book's translations (`book/po/zh-CN.po`), the one source of
//! the course's Chinese: the exercise files take their Chinese task text
//! from it (see [`crate::shipped`]).
//!
//! Only what a PO file holds for this course is read: `msgid` and `msgstr`
//! strings, on one line or continued on the lines below, with C escapes
//! (`\"`, `\\`, `\n`, `\t`). Comments, contexts and plurals are skipped; a
//! fuzzy entry is left out. The maintainers' tools read the same file with
//! a full PO library (devkit); this keeps the learner's tool free of it.

use std::collections::HashMap;
use std::path::Path;

/// Translations by English text; empty if the file cannot be read.
pub fn load(path: &Path) -> HashMap<String, String> {
    std::fs::read_to_string(path)
        .map(|text| parse(&text))
        .unwrap_or_default()
}

/// The translated entries of a PO file's text.
pub fn parse(text: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let (mut id, mut string) = (None::<String>, None::<String>);
    // Whether the entry being read is fuzzy, and whether the next one is
    // (its `#, fuzzy` comes before its `msgid`).
    let (mut fuzzy, mut next_fuzzy) = (false, false);
    let mut target: Option<bool> = None; // Some(true): msgid, Some(false): msgstr
    let mut finish = |id: &mut Option<String>, string: &mut Option<String>, fuzzy: bool| {
        if let (Some(i), Some(s)) = (id.take(), string.take())
            && !i.is_empty()
            && !s.is_empty()
            && !fuzzy
        {
            out.insert(i, s);
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("msgid ") {
            finish(&mut id, &mut string, fuzzy);
            fuzzy = std::mem::take(&mut next_fuzzy);
            id = Some(unquote(rest));
            target = Some(true);
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            string = Some(unquote(rest));
            target = Some(false);
        } else if line.starts_with('"') {
            let more = unquote(line);
            match target {
                Some(true) => id.get_or_insert_with(String::new).push_str(&more),
                Some(false) => string.get_or_insert_with(String::new).push_str(&more),
                None => {}
            }
        } else if line.starts_with("#,") && line.contains("fuzzy") {
            next_fuzzy = true;
            target = None;
        } else if line.is_empty() || line.starts_with('#') {
            target = None;
        }
    }
    finish(&mut id, &mut string, fuzzy);
    out
}

/// A quoted PO string's text.
fn unquote(quoted: &str) -> String {
    let inner = quoted
        .trim()
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or_default();
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One-line and continued strings, escapes; untranslated and fuzzy
    /// entries are left out.
    #[test]
    fn reads_translations() {
        let po = r#"
msgid ""
msgstr "Project-Id-Version: x\n"

#: src/a.md
msgid "// TODO: count.\n    // Twice.\n"
msgstr "// TODO：计数。\n    // 两次。\n"

msgid ""
"Say \"hi\" "
"twice"
msgstr ""
"说两遍“你好”"

msgid "untranslated"
msgstr ""

#, fuzzy
msgid "old"
msgstr "旧"
"#;
        let t = parse(po);
        assert_eq!(
            t["// TODO: count.\n    // Twice.\n"],
            "// TODO：计数。\n    // 两次。\n"
        );
        assert_eq!(t["Say \"hi\" twice"], "说两遍“你好”");
        assert!(!t.contains_key("untranslated"));
        assert!(!t.contains_key("old"));
        assert!(!t.contains_key(""));
    }
}
