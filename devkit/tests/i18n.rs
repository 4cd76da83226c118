//! The Chinese edition cannot drift from the English one: `messages.pot` is
//! what the English sources give today, every message of it is translated in
//! `zh-CN.po` (none untranslated, none fuzzy), and the translation leaves the
//! note's own words and the code's string literals as they are.
//!
//! When the English changes: `cargo course po` (writes `messages.pot`), then
//! `msgmerge --update book/po/zh-CN.po book/po/messages.pot`, then translate
//! every new or fuzzy entry.

use course::workspace;
use devkit::i18n;

/// The pages whose translation is finished: `All` once the whole book is
/// translated (then a page added later is held to it at once), or `Only`
/// the pages listed. A page that is not translated is reported with its
/// count of messages still to translate, and a stale `messages.pot` for it
/// is reported too, but neither fails the test. `book/book.toml` stands for
/// the book's title and description.
// `Only` is for a book part of which is still being translated.
#[allow(dead_code)]
enum Translated {
    All,
    Only(&'static [&'static str]),
}

// Every page, the whole book, is translated.
const TRANSLATED: Translated = Translated::All;

fn translated(page: &str) -> bool {
    match TRANSLATED {
        Translated::All => true,
        Translated::Only(pages) => pages.contains(&page),
    }
}

/// `book/po/messages.pot` holds exactly the messages of the English book
/// (of its translated pages, while the list above is not `All`).
#[test]
fn messages_pot_is_up_to_date() {
    let root = workspace::root();
    if let Some(difference) = i18n::stale_pot_for(&root, translated).unwrap() {
        panic!(
            "book/po/messages.pot is stale: {difference}.\n\
             Run `cargo course po`, then `msgmerge --update book/po/zh-CN.po book/po/messages.pot`, \
             and translate what is new or fuzzy in zh-CN.po."
        );
    }
    if let Some(difference) = i18n::stale_pot(&root).unwrap() {
        println!("messages.pot is stale for pages still in progress: {difference}");
    }
}

/// Every message of a translated page has a translation that is not fuzzy;
/// the count still to do is printed for every page.
#[test]
fn translated_pages_have_no_untranslated_or_fuzzy_message() {
    let root = workspace::root();
    let missing = i18n::missing(&root).unwrap();
    let counts = i18n::count_by_page(&root, &missing).unwrap();
    println!("messages still to translate in book/po/zh-CN.po, per page:");
    for (page, count) in &counts {
        let mark = if translated(page) {
            "translated"
        } else {
            "in progress"
        };
        println!("  {count:4}  {page} ({mark})");
    }
    if let Translated::Only(pages) = TRANSLATED {
        for page in pages {
            assert!(
                counts.contains_key(*page),
                "{page} is listed as translated but messages.pot has no message from it"
            );
        }
    }
    let first = missing
        .iter()
        .find(|m| m.pages.iter().any(|p| translated(p)));
    if let Some(first) = first {
        let total = missing
            .iter()
            .filter(|m| m.pages.iter().any(|p| translated(p)))
            .count();
        panic!(
            "book/po/zh-CN.po: {total} message(s) of translated pages not done; the first is {first}"
        );
    }
}

/// The note's passages are quoted verbatim in the Chinese edition too, and
/// string literals of code are not translated.
#[test]
fn the_note_and_code_literals_are_left_as_they_are() {
    let problems = i18n::changed_originals(&workspace::root()).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A block of shell commands with comments is marked `sh`, not `text`:
/// mdbook-i18n-helpers extracts the comments of code in a language it
/// knows, and leaves a `text` block as it is, so its comments would stay
/// English in the Chinese edition.
#[test]
fn commented_commands_are_marked_sh_so_their_comments_are_translated() {
    let root = workspace::root();
    let mut problems = Vec::new();
    let mut stack = vec![root.join("book/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let mut in_text = false;
            for (n, line) in text.lines().enumerate() {
                if line.starts_with("```") {
                    in_text = line.trim() == "```text" && !in_text;
                    continue;
                }
                if in_text && line.starts_with("cargo ") && line.contains("  # ") {
                    problems.push(format!("{}:{}: {line}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "commands with comments in a ```text block (mark it ```sh):\n{}",
        problems.join("\n")
    );
}
