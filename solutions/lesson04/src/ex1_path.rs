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

use axum::Router;
use axum::extract::Path;
use axum::routing::get;

pub fn router() -> Router {
    // TODO: two routes, each with a handler that takes a `Path` extractor.
    async fn hello(Path(name): Path<String>) -> String {
        format!("hello, {name}!")
    }

    async fn repeat(Path((word, times)): Path<(String, u8)>) -> String {
        word.repeat(usize::from(times))
    }

    Router::new()
        .route("/hello/{name}", get(hello))
        .route("/repeat/{word}/{times}", get(repeat))
}
