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
//!
//! 练习 04-2：转义过的问候。
//!
//! 笔记里的 `hello` 把 URL 里的名字直接贴进 HTML，所以
//! `/hello/<script>...</script>` 会把一段脚本放进它发出的页面：这是一个
//! 跨站脚本漏洞。来自访问者的文本必须按它在页面中的位置转义，而位置很
//! 重要：
//! - 在标签之间，`&`、`<` 和 `>` 必须变成 `&amp;`、`&lt;` 和 `&gt;`
//!   （`html_escape::encode_text`）；
//! - 在用双引号括起的属性值里，`"` 也必须转义，否则像
//!   `" onmouseover="alert(1)` 这样的名字会结束这个属性，再添上一个自己的
//!   属性（`html_escape::encode_double_quoted_attribute`）。
//!
//! 写出 `card`，它回应一张名片：名字既作为段落的 `title`，又出现在段落的
//! 文本里，格式正好是
//!
//! ```text
//! <p title="NAME">hello, NAME!</p>
//! ```
//!
//! 其中每个 NAME 都按它所在的位置转义。使用 `html-escape` crate（已经是
//! 依赖了）；不要自己写转义函数。
//!
//! 只编辑这个文件。用 `cargo test -p lesson04 ex2` 检查。

use axum::extract::Path;
use axum::response::Html;

pub async fn card(Path(name): Path<String>) -> Html<String> {
    // TODO: escape the name twice, once for each place it goes.
    // TODO: 把名字转义两次，它出现的每个位置各一次。
    todo!()
}
