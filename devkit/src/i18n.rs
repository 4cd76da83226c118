//! The Chinese edition's checks: the message template is up to date with
//! the English sources, every message has a translation, and what must not
//! change (the note's own words, string literals of code) is left as it is.
//! `devkit/tests/i18n.rs` runs them; see [`crate::book`] for how the
//! translated book is built.

use std::collections::BTreeMap;
use std::path::Path;

use polib::catalog::Catalog;

use crate::book;

/// A message of `messages.pot` that `zh-CN.po` does not translate (yet).
#[derive(Debug, Clone)]
pub struct Missing {
    /// Every page the message appears on, e.g. `src/lesson01/index.md`.
    pub pages: Vec<String>,
    /// The English text.
    pub msgid: String,
    /// `"untranslated"`, `"fuzzy"` or `"missing from zh-CN.po"`.
    pub state: &'static str,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let opening: String = self.msgid.chars().take(100).collect();
        let more = if opening.len() < self.msgid.len() {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "{} ({}): {opening:?}{more}",
            self.state,
            self.pages.join(", ")
        )
    }
}

fn parse(root: &Path, file: &str) -> Result<Catalog, String> {
    polib::po_file::parse(&root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))
}

/// The pages a message's source comment names: `src/SUMMARY.md`,
/// `book/book.toml`, … (line numbers, if any, dropped).
pub fn pages(source: &str) -> Vec<String> {
    let mut pages: Vec<String> = source
        .split_whitespace()
        .map(|s| s.split(':').next().unwrap_or(s).to_string())
        .collect();
    pages.dedup();
    pages
}

/// Every message of `book/po/messages.pot` that `book/po/zh-CN.po` leaves
/// untranslated or marks fuzzy, in the template's order.
pub fn missing(root: &Path) -> Result<Vec<Missing>, String> {
    let pot = parse(root, book::POT)?;
    let po = parse(root, book::PO)?;
    let mut out = Vec::new();
    for m in pot.messages() {
        let state = match po.find_message(None, m.msgid(), None) {
            None => "missing from zh-CN.po",
            Some(t) if t.is_fuzzy() => "fuzzy",
            Some(t) if !t.is_translated() || t.msgstr().map_or(true, str::is_empty) => {
                "untranslated"
            }
            Some(_) => continue,
        };
        out.push(Missing {
            pages: pages(m.source()),
            msgid: m.msgid().to_string(),
            state,
        });
    }
    Ok(out)
}

/// How many messages of each page are still to translate (pages with none
/// left are listed with 0), from the template's pages.
pub fn count_by_page(root: &Path, missing: &[Missing]) -> Result<BTreeMap<String, usize>, String> {
    let pot = parse(root, book::POT)?;
    let mut counts = BTreeMap::new();
    for m in pot.messages() {
        for page in pages(m.source()) {
            counts.entry(page).or_insert(0);
        }
    }
    for m in missing {
        for page in &m.pages {
            *counts.entry(page.clone()).or_insert(0) += 1;
        }
    }
    Ok(counts)
}

/// Whether `book/po/messages.pot` holds exactly the messages the English
/// sources have now; if not, the first difference, said plainly.
pub fn stale_pot(root: &Path) -> Result<Option<String>, String> {
    stale_pot_for(root, |_| true)
}

/// [`stale_pot`] for the messages of the pages `wanted` says yes to (a
/// message counts if any page it appears on is wanted).
pub fn stale_pot_for(root: &Path, wanted: impl Fn(&str) -> bool) -> Result<Option<String>, String> {
    let keep = |messages: Vec<(String, String)>| -> Vec<(String, String)> {
        messages
            .into_iter()
            .filter(|(_, source)| pages(source).iter().any(|p| wanted(p)))
            .collect()
    };
    let fresh = keep(book::messages(&book::extract(root)?));
    let stored = keep(book::messages(&parse(root, book::POT)?));
    if fresh == stored {
        return Ok(None);
    }
    let opening = |s: &str| s.chars().take(100).collect::<String>();
    for (new, old) in fresh.iter().zip(&stored) {
        if new != old {
            let said = if new.0 != old.0 {
                format!(
                    "the English now has {:?} ({}) where messages.pot has {:?} ({})",
                    opening(&new.0),
                    new.1,
                    opening(&old.0),
                    old.1
                )
            } else {
                format!(
                    "{:?} now comes from {} (messages.pot says {})",
                    opening(&new.0),
                    new.1,
                    old.1
                )
            };
            return Ok(Some(said));
        }
    }
    Ok(Some(if fresh.len() > stored.len() {
        format!(
            "the English has {} messages more, starting with {:?}",
            fresh.len() - stored.len(),
            opening(&fresh[stored.len()].0)
        )
    } else {
        format!(
            "messages.pot has {} messages the English no longer has, starting with {:?}",
            stored.len() - fresh.len(),
            opening(&stored[fresh.len()].0)
        )
    }))
}

/// Messages whose translation must be the English (or Chinese) text itself:
/// the note's own words (they are the original, quoted verbatim in both
/// editions) and string literals of included code (code is not
/// translated; Python's docstrings are documentation, and are). One line
/// per message that was changed anyway.
pub fn changed_originals(root: &Path) -> Result<Vec<String>, String> {
    let note = std::fs::read_to_string(root.join("seed/notes.zh.txt"))
        .map_err(|e| format!("seed/notes.zh.txt: {e}"))?;
    let po = parse(root, book::PO)?;
    let mut out = Vec::new();
    for m in po.messages() {
        let Ok(text) = m.msgstr() else { continue };
        if text.is_empty() || !m.is_translated() {
            continue;
        }
        let id = m.msgid();
        let is_note = id.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && id.chars().count() > 8
            && note.contains(id.trim());
        // Python's docstrings are documentation, translated like comments.
        let is_docstring = id.starts_with("\"\"\"");
        let is_literal = id.len() > 1 && id.starts_with('"') && id.ends_with('"') && !is_docstring;
        if (is_note || is_literal) && text != id {
            let what = if is_note {
                "the note's words"
            } else {
                "a string literal of code"
            };
            out.push(format!(
                "{what} must stay as they are, but zh-CN.po changes {:?} ({})",
                id.chars().take(60).collect::<String>(),
                m.source()
            ));
        }
    }
    Ok(out)
}
