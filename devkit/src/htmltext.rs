//! The text of raw HTML in the book's pages, for the Chinese edition.
//!
//! mdbook-i18n-helpers translates Markdown and leaves raw HTML as it is. The
//! book has raw HTML with English in it: the label of every folded passage
//! of the note (`<summary>The note's words (P1)</summary>`) and the tables
//! the benchmark writes into the Measured page. The inner HTML of every
//! `<summary>`, `<th>` and `<td>` that holds an English word outside
//! `<code>` is a message of `messages.pot` too ([`texts`]), and the Chinese
//! build replaces it with its translation ([`HtmlTexts`], run after the
//! Gettext preprocessor). Fenced code blocks are left alone.

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use polib::catalog::Catalog;

/// The elements whose text is translated.
const ELEMENTS: &[&str] = &["summary", "th", "td"];

/// Rewrites `content`, giving `f` the inner HTML of each translatable
/// element outside fenced code blocks; `f` returns its replacement.
pub fn map(content: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(content.len());
    let mut fence: Option<&str> = None;
    let mut html = String::new();
    let flush = |html: &mut String, out: &mut String, f: &mut dyn FnMut(&str) -> String| {
        out.push_str(&map_html(html, f));
        html.clear();
    };
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                flush(&mut html, &mut out, &mut f);
                fence = Some(m);
                out.push_str(line);
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                out.push_str(line);
            }
            (Some(_), _) => out.push_str(line),
            (None, None) => html.push_str(line),
        }
    }
    flush(&mut html, &mut out, &mut f);
    out
}

/// [`map`] on text with no fenced code in it.
fn map_html(text: &str, f: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let name: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let opens =
            ELEMENTS.contains(&name.as_str()) && rest[1 + name.len()..].starts_with(['>', ' ']);
        let (Some(gt), true) = (rest.find('>'), opens) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let close = format!("</{name}>");
        let Some(end) = rest[gt + 1..].find(&close) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let inner = &rest[gt + 1..gt + 1 + end];
        out.push_str(&rest[..=gt]);
        if has_english(inner) {
            out.push_str(&f(inner));
        } else {
            out.push_str(inner);
        }
        out.push_str(&close);
        rest = &rest[gt + 1 + end + close.len()..];
    }
    out.push_str(rest);
    out
}

/// Whether `html` has a word of two or more ASCII letters outside `<code>`
/// and outside tags.
fn has_english(html: &str) -> bool {
    let mut plain = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        plain.push_str(&rest[..lt]);
        plain.push(' ');
        rest = &rest[lt..];
        if rest.starts_with("<code") {
            rest = rest.find("</code>").map_or("", |e| &rest[e + 7..]);
        } else {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
        }
    }
    plain.push_str(rest);
    plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.len() >= 2)
}

/// Every translatable HTML text of `content`, in order.
pub fn texts(content: &str) -> Vec<String> {
    let mut found = Vec::new();
    map(content, |inner| {
        found.push(inner.to_string());
        inner.to_string()
    });
    found
}

/// The Chinese build's second step: the HTML texts of every chapter replaced
/// by their translations from the book's PO file.
pub struct HtmlTexts {
    pub catalog: Catalog,
}

impl std::fmt::Debug for HtmlTexts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlTexts")
            .field("messages", &self.catalog.count())
            .finish()
    }
}

impl Preprocessor for HtmlTexts {
    fn name(&self) -> &str {
        "html-texts"
    }

    fn run(
        &self,
        _: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = map(&chapter.content, |inner| {
                    crate::book::translation(&self.catalog, inner)
                        .unwrap_or_else(|| inner.to_string())
                });
            }
        });
        Ok(book)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Summaries and table cells with English are found; numbers, code and
    /// fenced code blocks are not.
    #[test]
    fn finds_the_english_in_raw_html() {
        let page = "<details>\n<summary>The note's words (P1)</summary>\n</details>\n\
            <table><thead><tr><th>program</th><th>1 s</th></tr></thead>\n\
            <tr><td>lesson02, own executor</td><td>1.002<br><small>1.0–1.1</small></td>\
            <td><code>cargo bench-course</code></td></tr></table>\n\
            ```html\n<td>in a code block</td>\n```\n<tbody><td>after</td>\n";
        assert_eq!(
            texts(page),
            [
                "The note's words (P1)",
                "program",
                "lesson02, own executor",
                "after"
            ]
        );
        let zh = map(page, |t| format!("[{t}]"));
        assert!(
            zh.contains("<summary>[The note's words (P1)]</summary>"),
            "{zh}"
        );
        assert!(zh.contains("<td>in a code block</td>"), "{zh}");
        assert!(zh.contains("<tbody><td>[after]</td>"), "{zh}");
    }
}
