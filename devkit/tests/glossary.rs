//! The glossary's Chinese terms are used consistently: every translated
//! message of `book/po/zh-CN.po` whose English uses a glossary word uses the
//! glossary's Chinese term for it, and none uses one of the wrong variants
//! the glossary lists. The terms come from the table in
//! `book/src/glossary.md`, so adding a row there adds it to this check.

use course::workspace;
use devkit::book;
use polib::catalog::Catalog;

/// One row of the glossary's table.
#[derive(Debug)]
struct Term {
    /// The English forms that call for the Chinese term.
    english: Vec<String>,
    chinese: String,
    wrong: Vec<String>,
    /// Also an everyday English word: only the wrong variants are checked.
    everyday: bool,
}

fn glossary(text: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("|---") {
            in_table = true;
            continue;
        }
        if !in_table || !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert!(
            cells.len() >= 3,
            "glossary.md: a row without three columns: {line}"
        );
        let everyday = cells[0].ends_with('†');
        let list = |cell: &str| -> Vec<String> {
            cell.trim_end_matches('†')
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        terms.push(Term {
            english: list(cells[0])
                .into_iter()
                .map(|s| s.to_lowercase())
                .collect(),
            chinese: cells[1].to_string(),
            wrong: list(cells[2]),
            everyday,
        });
    }
    terms
}

/// The English of a message as prose: code spans, link targets and HTML
/// tags taken out, lower case, words separated by single spaces.
fn prose(english: &str) -> String {
    let mut out = String::new();
    let mut rest = english;
    while let Some(c) = rest.chars().next() {
        let skip_to = match c {
            '`' => rest[1..].find('`').map(|i| i + 2),
            '<' => rest.find('>').map(|i| i + 1),
            ']' if rest.starts_with("](") => rest.find(')').map(|i| i + 1),
            _ => None,
        };
        match skip_to {
            Some(n) => {
                out.push(' ');
                rest = &rest[n..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // Code outside backticks (in a code comment, say) is a token with
    // `.`, `(`, `::` or `_` inside it: `future.as_mut().poll(&mut`.
    let words: Vec<String> = out
        .to_lowercase()
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| !t.contains(['.', '(', ')', ':', '_', '&', '<', '>', '=']))
        .flat_map(|t| t.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    format!(" {} ", words.join(" "))
}

fn catalog(path: &std::path::Path) -> Catalog {
    polib::po_file::parse(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every translated message keeps to the glossary.
#[test]
fn glossary_terms_are_used_consistently() {
    let root = workspace::root();
    let text = std::fs::read_to_string(root.join("book/src/glossary.md")).unwrap();
    let terms = glossary(&text);
    assert!(
        terms.len() >= 10,
        "glossary.md: only {} terms found",
        terms.len()
    );
    let po = catalog(&root.join(book::PO));
    let mut problems = Vec::new();
    for m in po.messages() {
        let Ok(chinese) = m.msgstr() else { continue };
        let english = m.msgid();
        // Untranslated, fuzzy, the glossary itself (which names the wrong
        // words on purpose), and what is kept as it is (the note's words,
        // code): nothing to check.
        if chinese.is_empty()
            || m.is_fuzzy()
            || chinese == english
            || m.source()
                .split_whitespace()
                .any(|s| s.starts_with("src/glossary.md"))
        {
            continue;
        }
        let words = prose(english);
        let lower = chinese.to_lowercase();
        let short: String = english.chars().take(70).collect();
        let uses = |term: &Term| {
            term.english
                .iter()
                .find(|f| words.contains(&format!(" {f} ")))
                .cloned()
        };
        for term in &terms {
            for wrong in &term.wrong {
                // A wrong word here may be another term's right word (句柄 is
                // a handle's, not a handler's): wrong only where the English
                // has this term and not that one.
                let other = terms.iter().find(|t| t.chinese == *wrong);
                let misused = match other {
                    None => true,
                    Some(other) => uses(term).is_some() && uses(other).is_none(),
                };
                if misused && chinese.contains(wrong.as_str()) {
                    problems.push(format!(
                        "{short:?} ({}): says {wrong:?} where the glossary says {:?}",
                        m.source(),
                        term.chinese
                    ));
                }
            }
            if term.everyday {
                continue;
            }
            // A longer phrase of another row wins ("spawned threads" is
            // the thread row's, not the "spawned" row's).
            let covered = |form: &str| {
                terms.iter().flat_map(|t| &t.english).any(|longer| {
                    longer.len() > form.len()
                        && longer.contains(form)
                        && words.contains(&format!(" {longer} "))
                })
            };
            if let Some(form) = uses(term)
                && !covered(&form)
                && !lower.contains(&term.chinese.to_lowercase())
            {
                problems.push(format!(
                    "{short:?} ({}): the English says {form:?} but the Chinese has no {:?}",
                    m.source(),
                    term.chinese
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} message(s) of book/po/zh-CN.po depart from the glossary (book/src/glossary.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The parsing this test rests on.
#[test]
fn prose_leaves_out_code_and_links() {
    let p = prose("A `Future` is [polled](x.md#poll-it) by the event loop <https://a/b>.");
    assert_eq!(p, " a is polled by the event loop ");
    assert_eq!(prose("# Rust: future.as_mut().poll(&mut cx)"), " rust cx ");
    let terms = glossary(
        "| a | b | c | d |\n|---|---|---|---|\n| future, futures † | future | 期物, 期值 | x |\n",
    );
    assert_eq!(terms.len(), 1);
    assert!(terms[0].everyday);
    assert_eq!(terms[0].english, ["future", "futures"]);
    assert_eq!(terms[0].wrong, ["期物", "期值"]);
}

/// Kinds of Chinese that are wrong whatever the English says, each with
/// its reason; the style pass of the Chinese edition fixed every one.
const STYLE: [(&str, &str); 8] = [
    ("回答 `Pending", "a future returns Pending: 返回, not 回答"),
    ("回答 `Ready", "a future returns Ready: 返回, not 回答"),
    ("回答 `Poll", "poll returns: 返回, not 回答"),
    ("回答 Pending", "a future returns Pending: 返回, not 回答"),
    ("回答 Ready", "a future returns Ready: 返回, not 回答"),
    (
        "回答了 `Pending",
        "a future returns Pending: 返回, not 回答",
    ),
    ("唤醒唤醒器", "\"wake the waker\": 调用唤醒器"),
    (
        "边界",
        "a bound on size or count is 上限 (bounded: 有上限), not 边界 (an edge)",
    ),
];

/// No translated message has one of the [`STYLE`] kinds, and no code span
/// in half-width brackets stands beside Chinese text (full-width （） there).
#[test]
fn chinese_style_kinds_stay_fixed() {
    let root = workspace::root();
    let po = catalog(&root.join(book::PO));
    let mut problems = Vec::new();
    for m in po.messages() {
        let Ok(chinese) = m.msgstr() else { continue };
        if chinese == m.msgid()
            || m.source()
                .split_whitespace()
                .any(|s| s.starts_with("src/glossary.md"))
        {
            continue;
        }
        let short: String = m.msgid().chars().take(60).collect();
        for (kind, why) in STYLE {
            if chinese.contains(kind) {
                problems.push(format!("{short:?}: {kind:?}: {why}"));
            }
        }
        if let Some(at) = fake_italics(chinese) {
            problems.push(format!(
                "{short:?}: Chinese in italics (`_…_`), which Chinese type draws as slanted \
                 Latin: bold for a term, 《》 for a title: {at:?}"
            ));
        }
        if let Some(at) = half_width_code_bracket(chinese) {
            problems.push(format!(
                "{short:?}: half-width brackets beside Chinese text: {at:?}"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} message(s) of book/po/zh-CN.po:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A `(`code`)` with a Chinese character or full-width mark right before
/// or after it; the text around it, if any.
fn half_width_code_bracket(text: &str) -> Option<String> {
    let chinese = |c: Option<char>| {
        c.is_some_and(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff01}'..='\u{ff5e}').contains(&c)
        })
    };
    let mut rest = text;
    while let Some(open) = rest.find("(`") {
        let after = &rest[open + 2..];
        let Some(tick) = after.find('`') else { break };
        if after[tick + 1..].starts_with(')') && !after[..tick].contains('(') {
            let before = rest[..open].chars().next_back();
            let next = after[tick + 2..].chars().next();
            if chinese(before) || chinese(next) {
                let start = rest[..open]
                    .char_indices()
                    .rev()
                    .nth(4)
                    .map_or(0, |(i, _)| i);
                let end = (open + 2 + tick + 2).min(rest.len());
                return Some(rest[start..end].to_string());
            }
        }
        rest = &rest[open + 2..];
    }
    None
}

/// An `_` that opens or closes emphasis around Chinese (outside code
/// spans): the text around it, if any.
fn fake_italics(text: &str) -> Option<String> {
    let is_chinese = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (n, part) in text.split('`').enumerate() {
        if n % 2 == 1 {
            continue; // inside a code span
        }
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c != '_' {
                continue;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            if before.is_some_and(is_chinese) || after.is_some_and(is_chinese) {
                let from = i.saturating_sub(6);
                return Some(chars[from..(i + 7).min(chars.len())].iter().collect());
            }
        }
    }
    None
}

/// The italics rule: `_…_` around Chinese is found; an identifier with an
/// underscore, in a code span or not, is not.
#[test]
fn italics_around_chinese_are_found() {
    assert!(fake_italics("标准库里没有任何东西去 _运行_ future").is_some());
    assert!(fake_italics("调用 `max_line` 和 max_line").is_none());
    assert!(fake_italics("**运行** future").is_none());
}

/// The bracket rule: code in half-width brackets beside Chinese is found;
/// inside English, or in full-width brackets, it is not.
#[test]
fn half_width_brackets_beside_chinese_are_found() {
    assert!(half_width_code_bracket("见 `a`(`man 2 listen`)，这").is_some());
    assert!(half_width_code_bracket("调用(`f`)").is_some());
    assert!(half_width_code_bracket("见（`man 2 listen`），这").is_none());
    assert!(half_width_code_bracket("call it (`f`) now").is_none());
}
