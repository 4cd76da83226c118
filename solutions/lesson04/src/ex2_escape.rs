//! Exercise 04-2: an escaped greeting.
//!
//! The note's `hello` pastes the name from the URL straight into HTML, so
//! `/hello/<script>...</script>` puts a script into the page it sends: a
//! cross-site scripting hole. Text from a visitor must be *escaped* for the
//! place in the page where it goes, and the place matters:
//! - between tags, `&`, `<` and `>` must become `&amp;`, `&lt;` and `&gt;`
//!   (`html_escape::encode_text`);
//! - inside an attribute written in double quotes, `"` must be escaped too,
//!   or a name like `" onmouseover="alert(1)` closes the attribute and adds
//!   one of its own (`html_escape::encode_double_quoted_attribute`).
//!
//! Write `card`, which answers a name card: the name as the paragraph's
//! `title` and in its text, exactly in this shape
//!
//! ```text
//! <p title="NAME">hello, NAME!</p>
//! ```
//!
//! with each NAME escaped for its place. Use the `html-escape` crate (already
//! a dependency); do not write your own escaper.
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex2`.

use axum::extract::Path;
use axum::response::Html;

pub async fn card(Path(name): Path<String>) -> Html<String> {
    // TODO: escape the name twice, once for each place it goes.
    let title = html_escape::encode_double_quoted_attribute(&name);
    let text = html_escape::encode_text(&name);
    Html(format!("<p title=\"{title}\">hello, {text}!</p>"))
}
