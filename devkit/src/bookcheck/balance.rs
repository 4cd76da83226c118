//! From the book's sources: the code an anchor includes has balanced
//! brackets. An anchor that ends in the middle of a function shows a reader
//! braces that never close (or close what the page never opened); the
//! compiler cannot see it, since the file as a whole is fine.
//!
//! Rust and Python anchors are checked: `()`, `[]` and `{}` must pair up,
//! outside strings, character literals and comments. The lines are taken as
//! mdBook takes them (`mdbook-driver` 0.5.4,
//! `builtin_preprocessors/links/take_lines.rs`, `take_anchored_lines`): from
//! the first `ANCHOR: name` to its `ANCHOR_END: name`, leaving out every
//! line that opens or ends another anchor.

/// The languages whose anchors are checked, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lang {
    Rust,
    Python,
}

impl Lang {
    pub(super) fn of(file: &str) -> Option<Lang> {
        match file.rsplit_once('.')?.1 {
            "rs" => Some(Lang::Rust),
            "py" => Some(Lang::Python),
            _ => None,
        }
    }
}

/// The anchor name a line opens (`marker` = `ANCHOR:`) or ends
/// (`ANCHOR_END:`), as mdBook's `ANCHOR:\s*([\w_-]+)` reads it.
fn marker_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let rest = line.split_once(marker)?.1.trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The lines mdBook includes for `anchor`, each with its line number in
/// the file (from 1); `None` if the file never opens the anchor.
pub(super) fn anchored_lines<'a>(source: &'a str, anchor: &str) -> Option<Vec<(usize, &'a str)>> {
    let mut found = false;
    let mut kept = Vec::new();
    for (n, line) in source.lines().enumerate() {
        if found {
            match marker_name(line, "ANCHOR_END:") {
                Some(name) if name == anchor => return Some(kept),
                Some(_) => {}
                None if marker_name(line, "ANCHOR:").is_some() => {}
                None => kept.push((n + 1, line)),
            }
        } else if marker_name(line, "ANCHOR:") == Some(anchor) {
            found = true;
        }
    }
    found.then_some(kept)
}

/// What is wrong with the brackets of `lines` (numbered as in the file),
/// or `None` if every `(`, `[` and `{` outside strings, characters and
/// comments is closed by its own kind, in order.
pub(super) fn unbalanced(lines: &[(usize, &str)], lang: Lang) -> Option<String> {
    // One string with a line number per char, so that a string or comment
    // may run over several lines.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (n, line) in lines {
        chars.extend(line.chars().map(|c| (*n, c)));
        chars.push((*n, '\n'));
    }
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (line, c) = chars[i];
        let next = at(i + 1);
        match (lang, c) {
            (Lang::Rust, '/') if next == Some('/') => i = skip_line(&chars, i),
            (Lang::Python, '#') => i = skip_line(&chars, i),
            (Lang::Rust, '/') if next == Some('*') => {
                // Block comments nest in Rust.
                let mut depth = 0;
                while i < chars.len() {
                    match (at(i), at(i + 1)) {
                        (Some('/'), Some('*')) => {
                            depth += 1;
                            i += 2;
                        }
                        (Some('*'), Some('/')) => {
                            depth -= 1;
                            i += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => i += 1,
                    }
                }
            }
            (Lang::Rust, 'r') if raw_string_starts(&chars, i) => {
                let hashes = chars[i + 1..]
                    .iter()
                    .take_while(|&&(_, c)| c == '#')
                    .count();
                i += 2 + hashes; // past r, the hashes and the quote
                while i < chars.len() {
                    if at(i) == Some('"') && (1..=hashes).all(|k| at(i + k) == Some('#')) {
                        i += 1 + hashes;
                        break;
                    }
                    i += 1;
                }
            }
            (Lang::Rust, '"') => i = skip_quoted(&chars, i, '"', 1),
            (Lang::Rust, '\'') => {
                // A character literal ('x', '\n', '\u{200C}'), or else a
                // lifetime or a label ('a, 'static), which is code.
                if next == Some('\\') {
                    i = skip_quoted(&chars, i, '\'', 1);
                } else if at(i + 2) == Some('\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            (Lang::Python, '"' | '\'') => {
                let triple = next == Some(c) && at(i + 2) == Some(c);
                i = skip_quoted(&chars, i, c, if triple { 3 } else { 1 });
            }
            (_, '(' | '[' | '{') => {
                open.push((c, line));
                i += 1;
            }
            (_, ')' | ']' | '}') => {
                let wanted = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    Some((opened, _)) if opened == wanted => {}
                    Some((opened, from)) => {
                        return Some(format!(
                            "`{c}` on line {line} closes the `{opened}` opened on line {from}"
                        ));
                    }
                    None => {
                        return Some(format!(
                            "`{c}` on line {line} closes nothing the anchor opened"
                        ));
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    let (opened, from) = open.pop()?;
    let more = match open.len() {
        0 => String::new(),
        1 => " (and 1 more)".to_string(),
        n => format!(" (and {n} more)"),
    };
    Some(format!(
        "`{opened}` opened on line {from} is never closed{more}"
    ))
}

/// The index just past the end of the line `i` is on.
fn skip_line(chars: &[(usize, char)], mut i: usize) -> usize {
    while i < chars.len() && chars[i].1 != '\n' {
        i += 1;
    }
    i + 1
}

/// Past a string or character literal that opens at `i` with `width`
/// quotes `quote` (3 for Python's triple quotes), a backslash escaping the
/// character after it.
fn skip_quoted(chars: &[(usize, char)], start: usize, quote: char, width: usize) -> usize {
    let mut i = start + width;
    while i < chars.len() {
        match chars[i].1 {
            '\\' => i += 2,
            c if c == quote && (0..width).all(|k| chars.get(i + k).map(|p| p.1) == Some(quote)) => {
                return i + width;
            }
            _ => i += 1,
        }
    }
    i
}

/// Whether a raw string (`r"…"`, `r#"…"#`, `br"…"`) starts at `i`, on its
/// `r`: not the end of a longer name (`for"` cannot occur, `bar` can).
fn raw_string_starts(chars: &[(usize, char)], i: usize) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let before = match i.checked_sub(1).map(|p| chars[p].1) {
        Some('b' | 'c') => i.checked_sub(2).map(|p| chars[p].1),
        other => other,
    };
    if before.is_some_and(ident) {
        return false;
    }
    let after = chars[i + 1..].iter().map(|p| p.1).find(|&c| c != '#');
    after == Some('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, lang: Lang) -> Option<String> {
        let lines: Vec<(usize, &str)> = code.lines().enumerate().map(|(n, l)| (n + 1, l)).collect();
        unbalanced(&lines, lang)
    }

    /// Brackets in strings, characters, comments and lifetimes do not count;
    /// real ones must pair up.
    #[test]
    fn brackets_count_only_in_code() {
        for fine in [
            "fn f<'a>(x: &'a str) -> usize { x.len() }",
            "let c = '{'; let d = '\\''; let e = '\\u{200C}';",
            "let s = \"}) \\\" {\"; // }\n/* { /* ( */ ] */ let t = [1];",
            "let r = r#\"\"} (\"#; let b = br\"{\"; let bar = (1);",
            "'outer: loop { break 'outer; }",
        ] {
            assert_eq!(check(fine, Lang::Rust), None, "{fine:?} is balanced");
        }
        for fine in [
            "print(f\"{x}\")  # )\nd = {'a': [1, 2]}",
            "s = \"\"\"\n  ) ] }\n\"\"\"\nt = ('\\'(')",
        ] {
            assert_eq!(check(fine, Lang::Python), None, "{fine:?} is balanced");
        }
        let never = check("fn main() {\n    let x = vec![1];\n", Lang::Rust).unwrap();
        assert!(
            never.contains("`{` opened on line 1 is never closed"),
            "{never}"
        );
        let nothing = check("    }\n}\n", Lang::Rust).unwrap();
        assert!(
            nothing.contains("`}` on line 1 closes nothing"),
            "{nothing}"
        );
        let crossed = check("f(a[1)]", Lang::Rust).unwrap();
        assert!(
            crossed.contains("`)` on line 1 closes the `[`"),
            "{crossed}"
        );
        let py = check("def f(\n    x,\n", Lang::Python).unwrap();
        assert!(py.contains("`(` opened on line 1"), "{py}");
    }

    /// The lines are mdBook's: the first section of the anchor, without
    /// other anchors' markers, numbered as in the file.
    #[test]
    fn anchored_lines_are_taken_as_mdbook_takes_them() {
        let source = "a\n// ANCHOR: outer\nb\n// ANCHOR: inner\nc\n// ANCHOR_END: inner\nd\n// ANCHOR_END: outer\ne\n";
        assert_eq!(
            anchored_lines(source, "outer"),
            Some(vec![(3, "b"), (5, "c"), (7, "d")])
        );
        assert_eq!(anchored_lines(source, "inner"), Some(vec![(5, "c")]));
        assert_eq!(anchored_lines(source, "in"), None, "names match whole");
        assert_eq!(Lang::of("x/queues.rs"), Some(Lang::Rust));
        assert_eq!(Lang::of("seed/a.py"), Some(Lang::Python));
        assert_eq!(Lang::of("out.txt"), None);
    }
}
