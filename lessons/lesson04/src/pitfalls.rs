//! What a learner following an older axum tutorial hits today, each shown by
//! code that the tests run.
//!
//! - axum 0.8 writes a path parameter `/{name}`; the 0.7 form `/:name`
//!   panics when the route is added, at start-up ([`old_route_syntax`]).
//! - axum 0.7 removed `axum::Server`; a router is served with
//!   [`axum::serve`] and a tokio `TcpListener` ([`serve_simply`]).
//! - `#[tokio::main]` needs tokio's `macros` and `rt-multi-thread` features;
//!   without them the program does not compile (the chapter quotes the
//!   error).

use axum::Router;
use axum::routing::get;
use tokio::net::TcpListener;

// ANCHOR: old_route
/// A router written the axum 0.7 way. With axum 0.8 this panics as soon as
/// it is called: `/:name` is no longer a parameter.
pub fn old_route_syntax() -> Router {
    Router::new().route("/hello/:name", get(|| async { "hello" }))
}
// ANCHOR_END: old_route

// ANCHOR: serve_simply
/// The shortest way to serve a router in axum 0.8: a tokio `TcpListener`
/// and [`axum::serve`].
///
/// Tutorials from before axum 0.7 (November 2023) wrote
/// `axum::Server::bind(&addr).serve(app.into_make_service())`, which no
/// longer compiles:
///
/// ```compile_fail
/// # async fn old() {
/// let app = axum::Router::new();
/// let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 8000));
/// axum::Server::bind(&addr).serve(app.into_make_service()).await.unwrap();
/// # }
/// ```
pub async fn serve_simply(listener: TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router).await
}
// ANCHOR_END: serve_simply

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// The 0.7 path syntax panics at start-up with a message that says what
    /// to write instead.
    #[test]
    fn the_old_colon_syntax_panics_at_start_up() {
        let caught = std::panic::catch_unwind(old_route_syntax);
        let payload = caught.expect_err("`/:name` should panic in axum 0.8");
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        assert!(
            message.contains("Path segments must not start with `:`")
                && message.contains("use `{capture}`"),
            "unexpected panic message: {message}"
        );
    }

    /// `axum::serve` with a `TcpListener` serves requests.
    #[test]
    fn axum_serve_with_a_tcp_listener_serves() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let router = Router::new().route("/hello/{name}", get(|| async { "hi" }));
            tokio::spawn(serve_simply(listener, router));
            let answer =
                tokio::time::timeout(Duration::from_secs(5), crate::load::fetch(addr, "/hello/x"))
                    .await
                    .expect("no answer within 5 s")
                    .unwrap();
            assert_eq!(
                answer,
                (axum::http::StatusCode::OK, "hi".to_string()),
                "axum::serve should serve the router's one route"
            );
        });
    }
}
