//! Exercise 04-1: a handler with a path parameter.
//!
//! The note's `hello` handler reads the name from the URL with
//! `request.match_info['name']`. In axum the handler says what it wants in
//! its arguments, and an *extractor* fills them in: `Path<String>` takes the
//! one `{name}` of the route, already percent-decoded; `Path<(String, u8)>`
//! takes two parameters and converts the second to a number, answering
//! `400 Bad Request` by itself when it is not one.
//!
//! Write `router` with two routes, both answering plain text:
//! - `GET /hello/{name}` answers `hello, NAME!`;
//! - `GET /repeat/{word}/{times}` answers `word` written `times` times in a
//!   row, where `times` is a `u8` (so `/repeat/ab/300` and `/repeat/ab/x` are
//!   refused by the extractor, not by your code).
//!
//! Remember axum 0.8's syntax: `{name}`, not `:name`.
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex1`.
//!
//! 练习 04-1：带路径参数的处理函数。
//!
//! 笔记里的 `hello` 处理函数用 `request.match_info['name']` 从 URL 中读取
//! 名字。在 axum 里，处理函数在参数里说明自己想要什么，由提取器（extractor）来填充：
//! `Path<String>` 取出路由中的那一个 `{name}`，并且已经做了百分号解码；
//! `Path<(String, u8)>` 取出两个参数，并把第二个转换成数字，不是数字时它会
//! 自己回应 `400 Bad Request`。
//!
//! 写出带两个路由的 `router`，两者都以纯文本回应：
//! - `GET /hello/{name}` 回应 `hello, NAME!`；
//! - `GET /repeat/{word}/{times}` 回应把 `word` 连写 `times` 遍的结果，其中
//!   `times` 是一个 `u8`（所以 `/repeat/ab/300` 和 `/repeat/ab/x` 会被提取器
//!   拒绝，而不是由你的代码拒绝）。
//!
//! 记住 axum 0.8 的语法：`{name}`，而不是 `:name`。
//!
//! 只编辑这个文件。用 `cargo test -p lesson04 ex1` 检查。

use axum::Router;
use axum::extract::Path;
use axum::routing::get;

pub fn router() -> Router {
    // TODO: two routes, each with a handler that takes a `Path` extractor.
    // TODO: 两个路由，每个的处理函数都接收一个 `Path` 提取器。
    todo!()
}
