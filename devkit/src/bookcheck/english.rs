//! Paragraphs of a Chinese page left in English (the translation's
//! check that a reader would see).

use super::html::{Piece, pieces};

/// The blocks of a rendered page's prose (`<main>`: paragraphs, headings,
/// list items, table cells, summaries) that are still in English: with code
/// (`<pre>`, `<code>`), URLs and the note's own words (the quotation in a
/// `details.passage`) taken out, a block with no Chinese character and four
/// or more English words, or a block with Chinese in it that still holds a
/// run of seven English words in a row outside “Chinese quotation marks”.
pub fn english_paragraphs(dom: &str) -> Vec<String> {
    // Tags whose start and end break the text into blocks.
    const BLOCKS: [&str; 17] = [
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "summary",
        "blockquote",
        "div",
        "br",
        "tr",
        "ul",
        "ol",
    ];
    let mut text = String::new();
    let mut in_main = false;
    let mut in_passage = false;
    // Code, scripts and the note's own words (quoted as written in a
    // passage): the tag being skipped and how deep in it we are.
    let mut skip: Option<(String, usize)> = None;
    for piece in pieces(dom) {
        match &piece {
            Piece::Open { name, .. } if name == "main" => in_main = true,
            Piece::Close { name } if name == "main" => in_main = false,
            _ => {}
        }
        if !in_main {
            continue;
        }
        if let Some((tag, depth)) = &mut skip {
            match &piece {
                Piece::Open { name, .. } if name == tag => *depth += 1,
                Piece::Close { name } if name == tag => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match &piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Open { name, .. } => match name.as_str() {
                "blockquote" if in_passage => skip = Some((name.clone(), 1)),
                "pre" | "code" | "script" | "style" => skip = Some((name.clone(), 1)),
                "details" => {
                    in_passage = piece
                        .attribute("class")
                        .is_some_and(|c| c.split_whitespace().any(|c| c == "passage"));
                    text.push('\n');
                }
                n if BLOCKS.contains(&n) || n == "table" => text.push('\n'),
                _ => {}
            },
            Piece::Close { name } => match name.as_str() {
                "details" => {
                    in_passage = false;
                    text.push('\n');
                }
                n if BLOCKS.contains(&n) || n == "table" => text.push('\n'),
                _ => {}
            },
        }
    }
    let mut out = Vec::new();
    for block in text.lines() {
        let block = block.to_string();
        let has_chinese = block.chars().any(is_cjk);
        // In a Chinese paragraph, English between Chinese quotation marks
        // is a quotation (of a document, an error message), glossed beside it.
        let block = if has_chinese {
            without_quotations(&block)
        } else {
            block
        };
        let mut run = 0;
        let mut longest = 0;
        let mut words = 0;
        for token in block.split_whitespace() {
            for piece in token.split_inclusive(is_cjk) {
                if piece.contains("://") {
                    run = 0;
                    continue;
                }
                let word = piece.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                if word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                    words += 1;
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
                // A Chinese character ends a run of English words.
                if piece.chars().any(is_cjk) {
                    run = 0;
                }
            }
        }
        if (!has_chinese && words >= 4) || longest >= 7 {
            out.push(block.trim().chars().take(120).collect());
        }
    }
    out
}

/// `text` with whatever stands between “ and ” taken out.
fn without_quotations(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `c` is a CJK character or a full-width Chinese punctuation mark.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English prose is found in a Chinese page; code, URLs and Chinese are not.
    #[test]
    fn finds_english_paragraphs_but_not_code() {
        let dom = "<html><main><h1>协程</h1>\
            <p>这是一个 <code>Future</code>:它被轮询 (poll)。</p>\
            <pre><code class=\"language-rust\">// a comment in English that is long enough\n</code></pre>\
            <p>See <a href=\"x\">https://doc.rust-lang.org/std/future/trait.Future.html</a></p>\
            <p>This paragraph was never translated at all.</p>\
            <li>中文里夹着 one two three four five six seven 个英文词</li>\
            <p>文档说“this is a quotation of eight English words here”(引文)。</p>\
            <p>中文 a b cc dd 中文 ee ff gg hh 中文 ii jj kk ll mm 中文</p>\
            <details class=\"passage\"><summary>笔记原文</summary>\
            <blockquote><p>报异常了: from aiohttp import web ImportError: cannot import name</p></blockquote></details>\
            </main></html>";
        let found = english_paragraphs(dom);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("This paragraph"), "{found:#?}");
        assert!(found[1].contains("one two"), "{found:#?}");
    }
}
