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

/// The Chinese of a message as prose: code spans, link targets, HTML tags
/// and ASCII-quoted text (a program's output, quoted English) taken out.
fn chinese_prose(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let skip_to = match c {
            '`' => rest[1..].find('`').map(|i| i + 2),
            '"' => rest[1..].find('"').map(|i| i + 2),
            '<' => rest.find('>').map(|i| i + 1),
            ']' if rest.starts_with("](") => rest.find(')').map(|i| i + 1),
            // English quoted in Chinese marks (“The backlog is…”, a man page),
            // or glossed in full-width brackets (生成（spawn）).
            '“' | '（' => {
                let close = if c == '“' { '”' } else { '）' };
                rest.find(close)
                    .filter(|&end| rest[c.len_utf8()..end].is_ascii())
                    .map(|end| end + close.len_utf8())
            }
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
    out
}

/// Whether `word` (ASCII) stands in `text` as a word of its own, as
/// written (`Pending`, the variant, is not `pending`): not inside a longer
/// name (`socket2`, `TcpSocket`, `ticker`).
fn has_word(text: &str, word: &str) -> bool {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    text.match_indices(word).any(|(at, w)| {
        !text[..at].chars().next_back().is_some_and(is_name)
            && !text[at + w.len()..].chars().next().is_some_and(is_name)
    })
}

/// One piece of Chinese beside the English it translates, and where it is.
#[derive(Debug)]
struct Text {
    english: String,
    chinese: String,
    /// The page (`src/lesson06/index.md`) or hints file it comes from.
    source: String,
}

/// Everything the Chinese edition says, with its English: each translated
/// message of zh-CN.po but the glossary's own (which names the wrong words
/// on purpose) and those kept as they are (the note's words, code), and each
/// lesson's Chinese exercise titles and hints beside their English in
/// exercises.toml.
fn texts(root: &std::path::Path) -> Vec<Text> {
    let po = catalog(&root.join(book::PO));
    let mut texts = Vec::new();
    for m in po.messages() {
        let Ok(chinese) = m.msgstr() else { continue };
        let english = m.msgid();
        if chinese.is_empty()
            || m.is_fuzzy()
            || chinese == english
            || m.source()
                .split_whitespace()
                .any(|s| s.starts_with("src/glossary.md"))
        {
            continue;
        }
        texts.push(Text {
            english: english.to_string(),
            chinese: chinese.to_string(),
            source: m.source().to_string(),
        });
    }
    for found in workspace::lessons(root).expect("the lessons") {
        let file = found.dir.join("hints.zh-CN.toml");
        let zh: toml::Table = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for ex in &found.lesson.exercises {
            let Some(entry) = zh.get(&ex.id) else {
                continue;
            };
            for (key, english) in [("title", &ex.title), ("hint", &ex.hint), ("more", &ex.more)] {
                if let Some(chinese) = entry.get(key).and_then(|v| v.as_str()) {
                    texts.push(Text {
                        english: english.clone(),
                        chinese: chinese.to_string(),
                        source: format!("{} ({} {key})", file.display(), ex.id),
                    });
                }
            }
        }
    }
    texts
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
    let mut problems = Vec::new();
    for text in texts(&root) {
        let (english, chinese) = (text.english.as_str(), text.chinese.as_str());
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
                let found = if wrong.is_ascii() {
                    has_word(
                        &chinese_prose(chinese).to_lowercase(),
                        &wrong.to_lowercase(),
                    )
                } else {
                    chinese.contains(wrong.as_str())
                };
                if misused && found {
                    problems.push(format!(
                        "{short:?} ({}): says {wrong:?} where the glossary says {:?}",
                        text.source, term.chinese
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
                    text.source, term.chinese
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} message(s) of book/po/zh-CN.po and the hints depart from the glossary (book/src/glossary.md):\n{}",
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
const STYLE: [(&str, &str); 16] = [
    (
        "在 Rust 里",
        "\"in Rust\": 在 Rust 中, as everywhere else in the book",
    ),
    (
        "围绕",
        "\"around X\" (a lock around, the GIL released around) is not 围绕: 在 X 期间, 把 X 包起来",
    ),
    (
        "给出 `",
        "a call that returns a value 返回 it (a receiver 得到 it), it does not 给出 it",
    ),
    (
        "给出下一个",
        "a stream 产出 (or 返回) its next item, it does not 给出 it",
    ),
    (
        "给出多个值",
        "a stream 产出 several values, it does not 给出 them",
    ),
    (
        "lesson04(axum)",
        "a crate's label is `lesson04 (axum)`, with a space, as the tables write it",
    ),
    ("命令如图所示", "there is no figure: 用下面列出的命令"),
    (
        "比值的变化",
        "比值 reads as \"ratio\": 读取方查看的频率低于值变化的频率",
    ),
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
    let mut problems = Vec::new();
    for text in texts(&root) {
        let chinese = text.chinese.as_str();
        let short: String = text.english.chars().take(60).collect();
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
        if let Some(at) = bold_spacing(chinese) {
            problems.push(format!(
                "{short:?}: a half-width space between `**` and Chinese: close the bold before \
                 the full-width mark (`**释义**。`), never `**释义。** 并发`: {at:?}"
            ));
        }
        let left = chinese_prose(chinese);
        for (word, why) in LEFT_IN_ENGLISH {
            if has_word(&left, word) {
                problems.push(format!(
                    "{short:?}: English {word:?} in a Chinese sentence: {why}"
                ));
            }
        }
        if yields_a_value(&prose(&text.english)) && chinese.contains("让出") {
            problems.push(format!(
                "{short:?}: \"yield\" here means produce (a stream or generator yields values): \
                 产出, not 让出 (giving up control)"
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
        "{} message(s) of book/po/zh-CN.po or the hints:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// English words a Chinese sentence must not keep (outside code spans and
/// quotes), each with what to write instead.
const LEFT_IN_ENGLISH: [(&str, &str); 5] = [
    ("tick", "一次触发 (an interval's tick), or `tick` as code"),
    ("ticks", "几次触发, or `tick` as code"),
    (
        "pending",
        "`Pending` (the variant) as code, or 尚未完成 / 等待中",
    ),
    ("refill", "a parameter's name is code: `refill`"),
    ("burst", "a parameter's name is code: `burst`"),
];

/// "yield" in the sense of "produce": a stream, generator or combinator
/// that yields values, results or answers (the glossary's 让出 is for a
/// task that yields control). `english` is [`prose`]'s output.
fn yields_a_value(english: &str) -> bool {
    let words: Vec<&str> = english.split_whitespace().collect();
    const PRODUCED: [&str; 12] = [
        "results", "outputs", "values", "items", "answers", "their", "its", "lines", "pages",
        "each", "one", "them",
    ];
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "yield" | "yields" | "yielded" | "yielding")
            && (words.get(i + 1).is_some_and(|next| PRODUCED.contains(next))
                || words[i.saturating_sub(6)..i]
                    .iter()
                    .any(|w| matches!(*w, "generator" | "generators" | "stream" | "streams")))
    })
}

/// A half-width space between a closing `**` and the Chinese after it, or
/// between Chinese and an opening `**` (outside code spans): the text
/// around it, if any.
fn bold_spacing(text: &str) -> Option<String> {
    let cjk = |c: Option<char>| {
        c.is_some_and(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff01}'..='\u{ff5e}').contains(&c)
        })
    };
    let mut opening = true;
    for (n, part) in text.split('`').enumerate() {
        if n % 2 == 1 {
            continue;
        }
        for (at, _) in part.match_indices("**") {
            let before = part[..at].chars().rev();
            let after = part[at + 2..].chars();
            // Inside the bold, next to this `**`: ASCII punctuation there (a
            // code span's backtick, a bracket) needs the space for CommonMark
            // to see the `**` as opening or closing; anything else does not.
            let inside = if opening {
                part[at + 2..].chars().next()
            } else {
                part[..at].chars().next_back()
            };
            let needs_space =
                inside.is_some_and(|c| c.is_ascii_punctuation()) || (n > 0 && inside.is_none());
            let bad = !needs_space
                && if opening {
                    let mut b = before;
                    b.next() == Some(' ') && cjk(b.next())
                } else {
                    let mut a = after;
                    a.next() == Some(' ') && cjk(a.next())
                };
            if bad {
                let from = part[..at].char_indices().rev().nth(6).map_or(0, |(i, _)| i);
                let to = part[at..]
                    .char_indices()
                    .nth(8)
                    .map_or(part.len(), |(i, _)| at + i);
                return Some(part[from..to].to_string());
            }
            opening = !opening;
        }
    }
    None
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
            let single_star =
                c == '*' && chars.get(i + 1) != Some(&'*') && (i == 0 || chars[i - 1] != '*');
            if c != '_' && !single_star {
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
    assert!(fake_italics("这就是 *背压*。").is_some());
    assert!(fake_italics("`a * b` 和 a*b").is_none());
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

/// The bold rule: `**释义。** 并发` is found, `**释义**。并发` is not.
#[test]
fn spaces_beside_bold_are_found() {
    assert!(bold_spacing("**释义。** 并发量").is_some());
    assert!(bold_spacing("写成 **暂定** 模块").is_some());
    assert!(bold_spacing("**释义**。并发量").is_none());
    assert!(bold_spacing("a **bold** word").is_none());
    assert!(bold_spacing("**`spawn_blocking`** 把工作交出去").is_none());
}

/// The two senses of "yield" are told apart.
#[test]
fn yield_as_produce_is_told_from_yield_as_give_way() {
    assert!(yields_a_value(&prose(
        "It yields their answers as they finish."
    )));
    assert!(yields_a_value(&prose(
        "an async generator that sleeps and yields in a loop"
    )));
    assert!(!yields_a_value(&prose("then yields once. Returns the")));
    assert!(!yields_a_value(&prose("tasks that yielded last in")));
}

/// English words left in Chinese are found as words, not inside names.
#[test]
fn english_left_in_chinese_is_found_as_a_word() {
    assert!(has_word(&chinese_prose("每次 tick 都往后推"), "tick"));
    assert!(!has_word(&chinese_prose("用 `tick` 和 ticker"), "tick"));
    assert!(!has_word(
        &chinese_prose("输出 \"<Task pending>\" 一行"),
        "pending"
    ));
    assert!(!has_word(
        &chinese_prose("手册写道“The backlog is limited”。"),
        "backlog"
    ));
    assert!(!has_word(&chinese_prose("积压队列（backlog）"), "backlog"));
}

/// One page of the Chinese edition: its prose messages in order.
fn pages(po: &Catalog) -> Vec<(String, Vec<(String, String)>)> {
    let mut pages: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for m in po.messages() {
        let Ok(chinese) = m.msgstr() else { continue };
        let english = m.msgid();
        let code = ["//", "#", "```"]
            .iter()
            .any(|p| english.trim_start().starts_with(p));
        if chinese.is_empty() || chinese == english || code {
            continue;
        }
        let Some(page) = m
            .source()
            .split_whitespace()
            .next()
            .and_then(|s| s.split(':').next())
        else {
            continue;
        };
        if page.ends_with("glossary.md") {
            continue;
        }
        match pages.iter_mut().find(|(p, _)| p == page) {
            Some((_, list)) => list.push((english.to_string(), chinese.to_string())),
            None => pages.push((
                page.to_string(),
                vec![(english.to_string(), chinese.to_string())],
            )),
        }
    }
    pages
}

/// Each page reads as Chinese, not as English word order: at most 18 一个 per
/// 1,000 Chinese characters (chapters 1 and 2, the model, have about 15),
/// sentences of at most 34 Chinese characters on average, counted between
/// 。！？ outside code (chapter 1 has 23, chapter 2 28; the Measured page,
/// whose sentences a native reader found too long, was split to 20), and the
/// first time a page says 生成 for *spawn* it says `spawn` beside it, so that
/// 生成的任务 does not read as "a generated task".
#[test]
fn pages_read_as_chinese() {
    let root = workspace::root();
    let po = catalog(&root.join(book::PO));
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut problems = Vec::new();
    for (page, messages) in pages(&po) {
        let (mut chars, mut yige, mut sentences) = (0usize, 0usize, 0usize);
        let mut spawn_said = false;
        for (english, chinese) in &messages {
            let text = chinese_prose(chinese);
            chars += text.chars().filter(|&c| cjk(c)).count();
            yige += text.matches("一个").count();
            sentences += text
                .split(['。', '！', '？'])
                .filter(|s| s.chars().any(cjk))
                .count();
            let spawns = prose(english)
                .split_whitespace()
                .any(|w| w.starts_with("spawn"));
            if !spawn_said && spawns && chinese.contains("生成") {
                if !chinese.contains("spawn") {
                    let short: String = english.chars().take(60).collect();
                    problems.push(format!(
                        "{page}: the first 生成 for spawn on the page has no `spawn` beside it \
                         (add （spawn） or name `tokio::spawn`): {short:?}"
                    ));
                }
                spawn_said = true;
            }
        }
        if chars < 500 {
            continue;
        }
        let per_thousand = 1000.0 * yige as f64 / chars as f64;
        if per_thousand > 18.0 {
            problems.push(format!(
                "{page}: 一个 {per_thousand:.1} times per 1,000 Chinese characters (at most 18): \
                 an English article carried over; most go"
            ));
        }
        let average = chars as f64 / sentences.max(1) as f64;
        if average > 34.0 {
            problems.push(format!(
                "{page}: sentences of {average:.1} Chinese characters on average (at most 34): split them"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
