//! The note's two routes, in axum, with the hole in the note's version closed.
//!
//! The note's aiohttp server answers `/` with `<h1>Index</h1>` and
//! `/hello/{name}` with `<h1>hello, NAME!</h1>`, each after sleeping half a
//! second. This module is the same server as an axum [`Router`]:
//! - the sleep is [`tokio::time::sleep`], which gives the thread back while it
//!   waits (and which tests skip on tokio's paused clock);
//! - the name is percent-decoded by axum's [`Path`] extractor, so
//!   `/hello/%E4%B8%96%E7%95%8C` greets 世界, and a name that is not UTF-8 once
//!   decoded is answered `400 Bad Request` before any handler runs;
//! - the name is HTML-escaped with the `html-escape` crate before it goes into
//!   the page, so `/hello/<script>...` shows the text instead of running it;
//! - a path longer than [`MAX_PATH`] bytes is answered `414 URI Too Long`.
//!
//! The limits that belong to the connection (header size, slow clients) are
//! in [`crate::server`]; the whole-request limits (a handler that takes too
//! long, a body that is too big) are layers added here by [`router`].

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// How long each handler waits, as in the note (`asyncio.sleep(0.5)`).
pub const SLEEP: Duration = Duration::from_millis(500);

/// The longest request path served, in bytes (percent-encoded, as sent).
/// Longer gets `414 URI Too Long`. Real paths of this server are short; the
/// connection's own limit on the whole head ([`crate::server::Limits`])
/// still applies above this.
pub const MAX_PATH: usize = 1024;

/// The longest a request may take from head to response before the server
/// gives up with `503 Service Unavailable`. Twenty times the handler's sleep.
/// Chapter 4 (*Limits, on purpose*) says why 503, and not 408 or 504.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest request body accepted. The note's routes read no body at all;
/// a client that announces a bigger one gets `413 Content Too Large` at once.
pub const MAX_BODY: usize = 16 * 1024;

/// How the server behaves: the handlers' sleep and whether to log.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// How long each handler sleeps: [`SLEEP`], or zero for `--no-sleep`.
    pub sleep: Duration,
    /// Print one line per request to standard error.
    pub log: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sleep: SLEEP,
            log: false,
        }
    }
}

// ANCHOR: routes
/// The note's server: `/` and `/hello/{name}`, with the limits above.
pub fn router(config: Config) -> Router {
    let app = Router::new()
        .route("/", get(index))
        .route("/hello/{name}", get(hello)) // axum 0.8: `{name}`, not `:name`
        .with_state(config)
        .layer(middleware::from_fn(limit_path))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE, // why not 408: see REQUEST_TIMEOUT
            REQUEST_TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY));
    if config.log {
        app.layer(middleware::from_fn(log_request))
    } else {
        app
    }
}

async fn index(State(config): State<Config>) -> Html<&'static str> {
    handler_sleep(config.sleep).await;
    Html("<h1>Index</h1>")
}

async fn hello(State(config): State<Config>, Path(name): Path<String>) -> Html<String> {
    handler_sleep(config.sleep).await;
    // `Path` has already percent-decoded the name; escape it for HTML text.
    Html(format!(
        "<h1>hello, {}!</h1>",
        html_escape::encode_text(&name)
    ))
}

/// The handlers' sleep: gives the thread back while it waits. Zero
/// (`--no-sleep`) skips the timer, because even `sleep(Duration::ZERO)`
/// waits for the timer's next tick, up to a millisecond (chapter 5, beside
/// trap 1).
async fn handler_sleep(duration: Duration) {
    if !duration.is_zero() {
        tokio::time::sleep(duration).await;
    }
}
// ANCHOR_END: routes

/// Answers `414 URI Too Long` to a path over [`MAX_PATH`] bytes.
async fn limit_path(request: Request, next: Next) -> Response {
    if request.uri().path().len() > MAX_PATH {
        return (
            StatusCode::URI_TOO_LONG,
            format!("the path is longer than {MAX_PATH} bytes\n"),
        )
            .into_response();
    }
    next.run(request).await
}

/// Prints `GET /hello/Ann -> 200 OK in 501 ms` for every request.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    eprintln!(
        "{}",
        log_line(&method, &path, response.status(), started.elapsed())
    );
    response
}

/// One line of the request log. The method and the path are the client's
/// bytes: hyper lets only printable ASCII through today, but the log does
/// not lean on that, and escapes them with [`lessonkit::printable`]. The path is cut to
/// 120 characters, so that a hostile path cannot flood the log.
fn log_line(method: &str, path: &str, status: StatusCode, took: Duration) -> String {
    let path: String = path.chars().take(120).collect();
    format!(
        "{} {} -> {status} in {} ms",
        lessonkit::printable(method),
        lessonkit::printable(&path),
        took.as_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, header};
    use tower::ServiceExt;

    /// Sends one GET through the router in-process and returns status and body.
    async fn get(path: &str) -> (StatusCode, String, Option<String>) {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = router(Config::default()).oneshot(request).await.unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string());
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        (
            status,
            String::from_utf8(body.to_vec()).unwrap(),
            content_type,
        )
    }

    fn paused_runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap()
    }

    /// The two routes answer what the note's did, after the half-second
    /// sleep (which the paused clock skips without waiting for real).
    #[test]
    fn the_notes_routes_answer_after_half_a_second() {
        paused_runtime().block_on(async {
            let clock = tokio::time::Instant::now();
            let (status, body, content_type) = get("/").await;
            assert_eq!(
                (status, body.as_str()),
                (StatusCode::OK, "<h1>Index</h1>"),
                "GET / should answer the note's index page"
            );
            assert_eq!(
                content_type.as_deref(),
                Some("text/html; charset=utf-8"),
                "the pages are HTML: the handlers should return `Html`"
            );
            assert_eq!(
                clock.elapsed(),
                SLEEP,
                "the index should sleep exactly 0.5 s"
            );
            let (status, body, _) = get("/hello/Ann").await;
            assert_eq!(
                (status, body.as_str()),
                (StatusCode::OK, "<h1>hello, Ann!</h1>")
            );
        });
    }

    /// The name is escaped: the note's cross-site scripting hole is closed.
    #[test]
    fn a_script_in_the_name_comes_back_escaped() {
        paused_runtime().block_on(async {
            let (status, body, _) = get("/hello/%3Cscript%3Ealert(%22hi%22)%3C%2Fscript%3E").await;
            assert_eq!(
                status,
                StatusCode::OK,
                "a script in the name is still a name"
            );
            assert_eq!(
                body, "<h1>hello, &lt;script&gt;alert(\"hi\")&lt;/script&gt;!</h1>",
                "the name must be HTML-escaped (the note's XSS hole)"
            );
            assert!(!body.contains("<script"), "unescaped script in {body:?}");
        });
    }

    /// The name is percent-decoded: UTF-8 names greet as they should.
    #[test]
    fn a_percent_encoded_name_is_decoded() {
        paused_runtime().block_on(async {
            let (_, body, _) = get("/hello/%E4%B8%96%E7%95%8C").await;
            assert_eq!(body, "<h1>hello, 世界!</h1>", "the name is percent-decoded");
            let (_, body, _) = get("/hello/Ann%20%26%20Bob").await;
            assert_eq!(
                body, "<h1>hello, Ann &amp; Bob!</h1>",
                "decoded first, then escaped"
            );
        });
    }

    /// Hostile paths get a 4xx, never a panic.
    #[test]
    fn hostile_paths_get_a_client_error() {
        paused_runtime().block_on(async {
            // %FF decodes to a byte that is not UTF-8.
            let (status, _, _) = get("/hello/%FF%FE").await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "%FF%FE is not UTF-8");
            let long = format!("/hello/{}", "a".repeat(MAX_PATH));
            let (status, _, _) = get(&long).await;
            assert_eq!(status, StatusCode::URI_TOO_LONG, "paths over MAX_PATH");
            for path in ["/hello/", "/hello/a/b", "/nothing"] {
                let (status, _, _) = get(path).await;
                assert_eq!(status, StatusCode::NOT_FOUND, "no route matches {path}");
            }
        });
    }

    /// A body announced bigger than the limit is refused before it is read.
    #[test]
    fn a_big_body_is_refused() {
        paused_runtime().block_on(async {
            let request = Request::get("/")
                .header(header::CONTENT_LENGTH, MAX_BODY + 1)
                .body(Body::from(vec![b'x'; MAX_BODY + 1]))
                .unwrap();
            let response = router(Config::default()).oneshot(request).await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::PAYLOAD_TOO_LARGE,
                "a body over MAX_BODY should be refused with 413"
            );
        });
    }

    /// A handler slower than the time limit is cut off with 503.
    #[test]
    fn a_slow_request_times_out() {
        paused_runtime().block_on(async {
            let clock = tokio::time::Instant::now();
            let config = Config {
                sleep: Duration::from_secs(3600),
                log: false,
            };
            let request = Request::get("/").body(Body::empty()).unwrap();
            let response = router(config).oneshot(request).await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::SERVICE_UNAVAILABLE,
                "a handler sleeping an hour should be cut off with 503"
            );
            assert_eq!(
                clock.elapsed(),
                REQUEST_TIMEOUT,
                "cut off at REQUEST_TIMEOUT"
            );
        });
    }

    /// The log line escapes what the client sent (with lessonkit's
    /// `printable`, tested there) and cuts a long path.
    #[test]
    fn the_log_line_is_safe_to_print() {
        let line = log_line(
            "GET",
            "/hello/\u{1b}[2J\u{202e}",
            StatusCode::NOT_FOUND,
            Duration::from_millis(3),
        );
        assert_eq!(
            line,
            "GET /hello/\\u{1b}[2J\\u{202e} -> 404 Not Found in 3 ms"
        );
        let long = log_line("GET", &"a".repeat(500), StatusCode::OK, Duration::ZERO);
        assert!(long.len() < 200, "a long path should be cut: {long}");
    }

    /// `--no-sleep` never reaches tokio's timer: the pause is over at its
    /// first poll, even outside any runtime (where `tokio::time::sleep`
    /// would panic), so no request waits for a timer tick.
    #[test]
    fn a_zero_pause_skips_the_timer() {
        use std::future::Future;
        use std::task::{Context, Poll, Waker};
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(
            std::pin::pin!(handler_sleep(Duration::ZERO)).poll(&mut cx),
            Poll::Ready(()),
            "a zero pause should be ready at once, without a timer"
        );
    }

    /// With `--no-sleep` the handlers answer at once.
    #[test]
    fn no_sleep_answers_at_once() {
        paused_runtime().block_on(async {
            let clock = tokio::time::Instant::now();
            let config = Config {
                sleep: Duration::ZERO,
                log: false,
            };
            let request = Request::get("/").body(Body::empty()).unwrap();
            let response = router(config).oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "GET / with no sleep");
            assert_eq!(
                clock.elapsed(),
                Duration::ZERO,
                "with `sleep: ZERO` no time should pass"
            );
        });
    }
}
