//! Every section of the Chinese edition keeps its English id.
//!
//! mdBook makes a heading's id from its text, so the translated headings
//! gave the Chinese pages ids of their own (`#1-协程` for `#1-coroutines`),
//! and the language switch, which carries the reader's `#fragment` to the
//! twin page, led to the top of it. [`EnglishIds`] runs in the Chinese
//! build after the translation and gives the N-th heading of each page the
//! id of the N-th heading of its English twin, already built, with the
//! `{#id}` heading attribute that mdBook 0.5 enables (pulldown-cmark's
//! `ENABLE_HEADING_ATTRIBUTES`, in `mdbook-markdown` 0.5.4's
//! `new_cmark_parser`). The ids are read from the English HTML, so they are
//! exactly mdBook's, duplicates' `-1` suffixes included.

use std::path::PathBuf;

use mdbook_markdown::pulldown_cmark::{Event, Tag};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Error;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// Gives each heading of the translated book the id of the same heading in
/// the English book built in `english` (`book/build/`).
#[derive(Debug)]
pub struct EnglishIds {
    pub english: PathBuf,
}

impl Preprocessor for EnglishIds {
    fn name(&self) -> &str {
        "english-ids"
    }

    fn run(&self, _: &PreprocessorContext, mut book: Book) -> Result<Book, Error> {
        let mut failure = None;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = &chapter.path
                && failure.is_none()
            {
                let html = self.english.join(path.with_extension("html"));
                let result = std::fs::read_to_string(&html)
                    .map_err(|e| format!("{}: {e} (build the English book first)", html.display()))
                    .and_then(|page| with_ids(&chapter.content, &heading_ids(&page)));
                match result {
                    Ok(text) => chapter.content = text,
                    Err(e) => failure = Some(format!("{}: {e}", path.display())),
                }
            }
        });
        match failure {
            Some(e) => Err(Error::msg(e)),
            None => Ok(book),
        }
    }
}

/// The ids of the headings mdBook made from Markdown in a built page, in
/// order: `<hN id="ID"><a class="header" href="#ID">` (a heading written
/// as raw HTML has no such link, and is left alone by mdBook and by us).
pub fn heading_ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        if !rest.starts_with(|c: char| ('1'..='6').contains(&c)) {
            continue;
        }
        let Some(tag) = rest[1..].strip_prefix(" id=\"") else {
            continue;
        };
        let Some(end) = tag.find('"') else { continue };
        let id = &tag[..end];
        if tag[end..].starts_with(&format!("\"><a class=\"header\" href=\"#{id}\"")) {
            out.push(id.replace("&amp;", "&"));
        }
    }
    out
}

/// `markdown` with its i-th heading given the id `ids[i]` by a `{#id}`
/// attribute. Errors if the page has not as many headings as `ids`: the
/// translation would then not be the English page's twin.
pub fn with_ids(markdown: &str, ids: &[String]) -> Result<String, String> {
    let mut inserts = Vec::new();
    let parser = new_cmark_parser(markdown, &MarkdownOptions::default());
    for (event, range) in parser.into_offset_iter() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            let n = inserts.len();
            let Some(want) = ids.get(n) else {
                return Err(format!(
                    "has more headings than its English twin ({} there)",
                    ids.len()
                ));
            };
            if let Some(id) = id {
                if id.as_ref() != want {
                    return Err(format!(
                        "heading {} has id {id:?}, in English {want:?}",
                        n + 1
                    ));
                }
                inserts.push(None);
                continue;
            }
            let text = &markdown[range.clone()];
            // An ATX heading is one line; a setext heading's text ends
            // where its underline begins.
            let setext = !text.trim_start().starts_with('#');
            let body = if setext {
                text.trim_end().rsplit_once('\n').map_or(text, |(t, _)| t)
            } else {
                text
            };
            let end = range.start + body.trim_end().len();
            inserts.push(Some((end, format!(" {{#{want}}}"))));
        }
    }
    if inserts.len() != ids.len() {
        return Err(format!(
            "has {} headings, its English twin {}",
            inserts.len(),
            ids.len()
        ));
    }
    let mut out = markdown.to_string();
    for (at, attribute) in inserts.into_iter().flatten().rev() {
        out.insert_str(at, &attribute);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Headings get the English ids in order; code that looks like a
    /// heading, and raw HTML headings, are left alone.
    #[test]
    fn gives_each_heading_its_english_id() {
        let english = "<h1 id=\"1-coroutines\"><a class=\"header\" href=\"#1-coroutines\">1</a></h1>\
            <h2>raw</h2><h2 id=\"p1--where\"><a class=\"header\" href=\"#p1--where\">P1</a></h2>";
        let ids = heading_ids(english);
        assert_eq!(ids, ["1-coroutines", "p1--where"]);
        let chinese = "# 1. 协程\n\n```python\n# 不是标题\n```\n\n<h2>raw</h2>\n\n## P1 · 用武之地 ##\n\n正文\n";
        let out = with_ids(chinese, &ids).unwrap();
        assert_eq!(
            out,
            "# 1. 协程 {#1-coroutines}\n\n```python\n# 不是标题\n```\n\n<h2>raw</h2>\n\n## P1 · 用武之地 ## {#p1--where}\n\n正文\n"
        );
        assert!(with_ids("# 一\n\n# 二\n", &ids[..1]).is_err());
        assert!(with_ids("# 一\n", &ids).is_err());
    }
}
