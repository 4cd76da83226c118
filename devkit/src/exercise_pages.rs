//! The book's exercise pages show each exercise as shipped, never as the
//! learner has left it.
//!
//! A page writes `{{#exercise ../../../solutions/lesson01/src/ex1_countdown.rs}}`
//! (a path from the page, like `{{#include}}`); this preprocessor puts the
//! unsolved text made from that solution file there (see
//! [`course::shipped`]). Including `lessons/…/exK_*.rs` instead would show
//! the learner's own edits under "as you find it", and would make the
//! message template, and so `cargo test`, depend on them.

use std::path::Path;

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Error;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// The directive's opening, up to its path.
const OPEN: &str = "{{#exercise ";

/// Replaces every `{{#exercise PATH}}` of every chapter.
#[derive(Debug)]
pub struct ExercisePages;

impl Preprocessor for ExercisePages {
    fn name(&self) -> &str {
        "exercise-pages"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book, Error> {
        let src = ctx.root.join(&ctx.config.book.src);
        let mut failure = None;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(path) = &chapter.source_path
            {
                let dir = src
                    .join(path)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                match expand(&chapter.content, &dir) {
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

/// `content` with each `{{#exercise PATH}}` replaced by the unsolved text
/// of the solution file at `dir/PATH`.
pub fn expand(content: &str, dir: &Path) -> Result<String, String> {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let end = after
            .find("}}")
            .ok_or_else(|| "an {{#exercise}} without its closing }}".to_string())?;
        let file = dir.join(after[..end].trim());
        let solution = std::fs::read_to_string(&file)
            .map_err(|e| format!("{{{{#exercise}}}} of {}: {e}", file.display()))?;
        out.push_str(course::shipped::unsolve(&solution).trim_end_matches('\n'));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The directive gives the unsolved text; the rest of the page stays.
    #[test]
    fn the_directive_shows_the_unsolved_file() {
        let dir = std::env::temp_dir().join(format!("exercise-pages-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("ex1.rs"),
            "pub fn f() -> u8 {\n    // TODO: answer.\n    42\n}\n",
        )
        .unwrap();
        let page = "before\n```rust\n{{#exercise ex1.rs}}\n```\nafter\n";
        assert_eq!(
            expand(page, &dir).unwrap(),
            "before\n```rust\npub fn f() -> u8 {\n    // TODO: answer.\n    todo!()\n}\n```\nafter\n"
        );
        assert!(expand("{{#exercise gone.rs}}", &dir).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
