//! The book, built with mdBook as a library: a learner needs nothing
//! installed to read it.
//!
//! It is built twice from the same sources: in English into `book/build/`,
//! and in Simplified Chinese into `book/build/zh-CN/`. The Chinese edition is
//! the English one with every paragraph, heading, table cell and code comment
//! replaced by its translation from `book/po/zh-CN.po`, the gettext workflow
//! of mdbook-i18n-helpers run in process: [`extract`] makes the message
//! template `book/po/messages.pot` from the English sources (after mdBook's
//! `{{#include}}`s are resolved), and the translated edition is built with
//! its `Gettext` preprocessor. Its headings keep their English ids
//! ([`crate::heading_ids`]), and both editions' search indexes are rebuilt
//! to find Chinese ([`crate::search`]).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::config::Config;
use mdbook_driver::errors::{Error, Result as BookResult};
use mdbook_i18n_helpers::preprocessors::Gettext;
use mdbook_i18n_helpers::renderers::Xgettext;
use polib::catalog::Catalog;
use polib::message::{Message, MessageView};

use crate::exercise_pages::ExercisePages;
use crate::heading_ids::EnglishIds;
use crate::htmltext::{self, HtmlTexts};
use crate::search;
use course::workspace;

/// The translated edition's language code, its PO file's name and the
/// folder it is built into, under `book/build/`.
pub const CHINESE: &str = "zh-CN";

/// The message template, relative to the workspace root.
pub const POT: &str = "book/po/messages.pot";

/// The Chinese translations, relative to the workspace root.
pub const PO: &str = "book/po/zh-CN.po";

/// The built book's front page.
pub fn index(root: &Path) -> PathBuf {
    root.join("book/build/index.html")
}

/// The Chinese edition's front page.
pub fn index_zh(root: &Path) -> PathBuf {
    root.join("book/build").join(CHINESE).join("index.html")
}

/// Builds `book/` into `book/build/` (English) and `book/build/zh-CN/`
/// (Chinese) and returns the English front page.
pub fn build(root: &Path) -> Result<PathBuf, String> {
    // English first: mdBook empties its build folder, Chinese one included.
    let mut book = load(root).map_err(|e| format!("cannot load the book: {e:#}"))?;
    book.with_preprocessor(ExercisePages);
    book.build()
        .map_err(|e| format!("cannot build the book: {e:#}"))?;
    search::reindex(&root.join("book/build"))?;
    build_chinese(root)?;
    Ok(index(root))
}

/// Builds the Chinese edition into `book/build/zh-CN/`.
pub fn build_chinese(root: &Path) -> Result<PathBuf, String> {
    let fail = |e: Error| format!("cannot build the Chinese book: {e:#}");
    let mut config = config(root).map_err(fail)?;
    let po = root.join(PO);
    let catalog =
        polib::po_file::parse(&po).map_err(|e| format!("cannot read {}: {e}", po.display()))?;
    // The book's title and description are not in the pages: they are
    // messages of their own (see `extract`).
    for text in [&mut config.book.title, &mut config.book.description] {
        if let Some(chinese) = text.as_deref().and_then(|t| translation(&catalog, t)) {
            *text = Some(chinese);
        }
    }
    config.book.language = Some(CHINESE.to_string());
    config.build.build_dir = PathBuf::from("build").join(CHINESE);
    let mut book = MDBook::load_with_config(root.join("book"), config).map_err(fail)?;
    // Added after mdBook's own `links` preprocessor and the exercise pages',
    // so that the comments of included code are translated too.
    book.with_preprocessor(ExercisePages);
    book.with_preprocessor(Gettext);
    // Then the text of raw HTML (passage labels, the benchmark's tables),
    // which mdbook-i18n-helpers leaves as it is.
    book.with_preprocessor(HtmlTexts {
        catalog: polib::po_file::parse(&po)
            .map_err(|e| format!("cannot read {}: {e}", po.display()))?,
    });
    // Last, when every heading is translated: the English ids, read from
    // the English edition built just before (see `heading_ids`).
    book.with_preprocessor(EnglishIds {
        english: root.join("book/build"),
    });
    book.build().map_err(fail)?;
    search::reindex(&root.join("book/build").join(CHINESE))?;
    Ok(index_zh(root))
}

fn config(root: &Path) -> BookResult<Config> {
    let mut config = Config::from_disk(root.join("book/book.toml"))?;
    config.update_from_env()?;
    Ok(config)
}

fn load(root: &Path) -> BookResult<MDBook> {
    MDBook::load_with_config(root.join("book"), config(root)?)
}

/// The translation of `msgid` in `catalog`, if it has one that is neither
/// empty nor fuzzy.
pub fn translation(catalog: &Catalog, msgid: &str) -> Option<String> {
    let message = catalog.find_message(None, msgid, None)?;
    let text = message.msgstr().ok()?;
    (message.is_translated() && !message.is_fuzzy() && !text.is_empty()).then(|| text.to_owned())
}

/// The message template of the English book, as `book/po/messages.pot`
/// should hold it: every message of `SUMMARY.md` and of every page, with
/// `{{#include}}`s resolved, then the book's title and description. Sources
/// are file names without line numbers, so that an edit that moves a
/// paragraph without changing it leaves the template as it is.
pub fn extract(root: &Path) -> Result<Catalog, String> {
    let fail = |e: Error| format!("cannot extract the book's messages: {e:#}");
    let mut config = config(root).map_err(fail)?;
    config.set("output.xgettext.granularity", 0).map_err(fail)?;
    let title = config.book.title.clone();
    let description = config.book.description.clone();
    let mut book = MDBook::load_with_config(root.join("book"), config).map_err(fail)?;
    book.with_preprocessor(ExercisePages);
    let (preprocessed, _) = book.preprocess_book(&Xgettext).map_err(fail)?;
    // The text of raw HTML, page by page (see `htmltext`).
    let mut html = Vec::new();
    for item in preprocessed.iter() {
        if let BookItem::Chapter(chapter) = item
            && let Some(path) = &chapter.source_path
        {
            let source = Path::new("src").join(path).display().to_string();
            for text in htmltext::texts(&chapter.content) {
                html.push((text, source.clone()));
            }
        }
    }
    let ctx = mdbook_renderer::RenderContext::new(
        book.root.clone(),
        preprocessed,
        book.config.clone(),
        root.join("book/build/xgettext"),
    );
    let catalogs = mdbook_i18n_helpers::xgettext::create_catalogs(&ctx, std::fs::read_to_string)
        .map_err(fail)?;
    let mut catalogs: Vec<_> = catalogs.into_iter().collect();
    catalogs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Option<Catalog> = None;
    for (_, catalog) in catalogs {
        match &mut out {
            None => out = Some(catalog),
            Some(all) => {
                for m in catalog.messages() {
                    all.append_or_update(copy(m));
                }
            }
        }
    }
    let mut catalog = out.ok_or_else(|| "the book has no messages".to_string())?;
    for (text, source) in html {
        let sources = match catalog.find_message(None, &text, None) {
            Some(m) if m.source().split_whitespace().any(|s| s == source) => continue,
            Some(m) => format!("{} {source}", m.source()),
            None => source,
        };
        catalog.append_or_update(
            Message::build_singular()
                .with_source(sources)
                .with_msgid(text)
                .done(),
        );
    }
    for (text, source) in [
        (title, "book/book.toml:title"),
        (description, "book/book.toml:description"),
    ] {
        if let Some(text) = text {
            catalog.append_or_update(
                Message::build_singular()
                    .with_source(source.to_string())
                    .with_msgid(text)
                    .done(),
            );
        }
    }
    Ok(catalog)
}

fn copy(m: &dyn MessageView) -> Message {
    Message::build_singular()
        .with_source(m.source().to_string())
        .with_comments(m.comments().to_string())
        .with_msgid(m.msgid().to_string())
        .done()
}

/// A message of a catalog, as the checks compare them: its text and where it
/// comes from.
pub fn messages(catalog: &Catalog) -> Vec<(String, String)> {
    catalog
        .messages()
        .map(|m| (m.msgid().to_string(), m.source().to_string()))
        .collect()
}

/// Writes `book/po/messages.pot` afresh from the English sources, unless it
/// already holds exactly these messages (so its date changes only when they
/// do). Returns whether it was written.
pub fn update_pot(root: &Path) -> Result<bool, String> {
    let fresh = extract(root)?;
    let path = root.join(POT);
    if let Ok(old) = polib::po_file::parse(&path)
        && messages(&old) == messages(&fresh)
    {
        return Ok(false);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    polib::po_file::write(&fresh, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(true)
}

/// Whether the built book is missing or older than its own sources. The
/// lesson files it includes are left out on purpose: a learner's edit to an
/// exercise would otherwise rebuild both editions (seconds) on every
/// `cargo course`; `cargo course book` always rebuilds.
pub fn is_stale(root: &Path) -> bool {
    let Some(built) = modified(&index(root)).min(modified(&index_zh(root))) else {
        return true;
    };
    [
        "book/src",
        "book/book.toml",
        "book/po",
        "book/theme",
        "seed",
    ]
    .iter()
    .any(|p| workspace::newest(&root.join(p)).is_some_and(|t| t > built))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
