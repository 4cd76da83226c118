//! Lesson 04's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. Routers are called in-process with `tower::ServiceExt::oneshot`
//! on tokio's paused clock, so a handler's sleep costs no real time; the
//! shutdown exercise runs a real server on 127.0.0.1 with a free port. The
//! solution crate runs this very file.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

const LESSON: &str = include_str!("../exercises.toml");

fn ex(id: &str) -> testkit::Exercise {
    testkit::exercise(LESSON, id)
}

/// What came back from one request.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

/// Sends one request through `router` in-process.
async fn send(router: Router, method: Method, path: &str, body: Body) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(body)
        .expect("the test builds a valid request");
    let response = router
        .oneshot(request)
        .await
        .expect("axum routers never fail");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("the body could not be read");
    Answer {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(router: Router, path: &str) -> Answer {
    send(router, Method::GET, path, Body::empty()).await
}

mod ex1_path {
    use super::*;
    use lesson04::ex1_path::router;

    /// `/hello/{name}` greets the name from the path, as plain text.
    #[test]
    fn hello_greets_the_name_in_the_path() {
        ex("04-1").check_async(|| async {
            for (path, want) in [
                ("/hello/Ann", "hello, Ann!"),
                ("/hello/Bob", "hello, Bob!"),
                ("/hello/%E4%B8%96%E7%95%8C", "hello, 世界!"),
                ("/hello/a%20b", "hello, a b!"),
            ] {
                let answer = get(router(), path).await;
                let likely = if answer.status == StatusCode::NOT_FOUND {
                    "no route matched it: write the route `/hello/{name}` (axum 0.8's syntax)"
                } else if path.contains('%') && answer.body.contains('%') {
                    "the name came back still percent-encoded, as it is in the URL: take it \
                     with a `Path<String>` extractor, which decodes it"
                } else {
                    "take the name with a `Path<String>` extractor and answer `hello, NAME!`"
                };
                assert_eq!(
                    (answer.status, answer.body.as_str()),
                    (StatusCode::OK, want),
                    "GET {path} should answer 200 {want:?}, but answered {answer:?}; {likely}"
                );
                assert!(
                    answer.content_type.starts_with("text/plain"),
                    "GET {path} should be plain text (return a String), but its content type \
                     was {:?}",
                    answer.content_type
                );
            }
        });
    }

    /// Two parameters, the second a number, extracted as a tuple.
    #[test]
    fn repeat_takes_two_parameters() {
        ex("04-1").check_async(|| async {
            for (path, want) in [
                ("/repeat/ab/3", "ababab"),
                ("/repeat/x/1", "x"),
                ("/repeat/no/0", ""),
            ] {
                let answer = get(router(), path).await;
                assert_eq!(
                    (answer.status, answer.body.as_str()),
                    (StatusCode::OK, want),
                    "GET {path} should answer 200 {want:?}, but answered {answer:?}"
                );
            }
        });
    }

    /// A count that is not a `u8` is refused by the extractor with 400.
    #[test]
    fn a_bad_count_is_a_bad_request() {
        ex("04-1").check_async(|| async {
            for path in ["/repeat/ab/x", "/repeat/ab/300", "/repeat/ab/-1"] {
                let answer = get(router(), path).await;
                assert_eq!(
                    answer.status,
                    StatusCode::BAD_REQUEST,
                    "GET {path} should be refused with 400, but answered {answer:?}; take the \
                     parameters as `Path<(String, u8)>` and axum refuses what is not a u8"
                );
            }
        });
    }

    /// Paths the router has no route for are 404, not a guess.
    #[test]
    fn other_paths_are_not_found() {
        ex("04-1").check_async(|| async {
            for path in ["/hello", "/hello/a/b", "/repeat/ab", "/hi/Ann"] {
                let answer = get(router(), path).await;
                assert_eq!(
                    answer.status,
                    StatusCode::NOT_FOUND,
                    "GET {path} should be 404, but answered {answer:?}"
                );
            }
        });
    }
}

mod ex2_escape {
    use super::*;
    use axum::routing::get as route_get;
    use lesson04::ex2_escape::card;

    fn router() -> Router {
        Router::new().route("/card/{name}", route_get(card))
    }

    /// Splits `<p title="T">hello, X!</p>` into `T` and `X`, failing with a
    /// message if the page does not have that shape.
    fn parts(body: &str) -> (String, String) {
        let rest = body.strip_prefix("<p title=\"").unwrap_or_else(|| {
            panic!("the card should start with `<p title=\"`, but it is {body:?}")
        });
        let (title, rest) = rest
            .split_once('"')
            .unwrap_or_else(|| panic!("the title attribute is never closed with `\"` in {body:?}"));
        let text = rest
            .strip_prefix(">hello, ")
            .and_then(|r| r.strip_suffix("!</p>"))
            .unwrap_or_else(|| {
                panic!(
                    "after the title the card should read `>hello, NAME!</p>`, but the page is \
                     {body:?}; if the title ends early, a `\"` in the name was not escaped"
                )
            });
        (title.to_string(), text.to_string())
    }

    /// Asks for the card of `name` and checks both places decode back to it.
    async fn check(name: &str, path: &str) -> String {
        let answer = get(router(), path).await;
        assert_eq!(answer.status, StatusCode::OK, "GET {path}: {answer:?}");
        assert!(
            answer.content_type.starts_with("text/html"),
            "the card should be sent as HTML (wrap it in `Html(..)`), but its content type was \
             {:?}",
            answer.content_type
        );
        let (title, text) = parts(&answer.body);
        assert!(
            !text.contains(['<', '>']),
            "the text of the card for {name:?} still holds `<` or `>`: {:?}; escape it with \
             html_escape::encode_text",
            answer.body
        );
        assert!(
            !title.contains(['<', '>', '"']),
            "the title of the card for {name:?} still holds `<`, `>` or `\"`: {:?}; escape it \
             with html_escape::encode_double_quoted_attribute",
            answer.body
        );
        for (place, escaped) in [("title", &title), ("text", &text)] {
            let decoded = html_escape::decode_html_entities(escaped);
            assert_eq!(
                decoded, name,
                "the card's {place} should show {name:?} once the browser decodes it, but shows \
                 {decoded:?}; escape the name once, and with the html-escape crate"
            );
        }
        answer.body
    }

    /// Plain names come back as they are.
    #[test]
    fn a_plain_name_is_unchanged() {
        ex("04-2").check_async(|| async {
            let body = check("Ann", "/card/Ann").await;
            assert_eq!(body, "<p title=\"Ann\">hello, Ann!</p>");
            check("世界", "/card/%E4%B8%96%E7%95%8C").await;
        });
    }

    /// A script in the name is shown as text, never run.
    #[test]
    fn a_script_comes_back_escaped() {
        ex("04-2").check_async(|| async {
            let body = check(
                "<script>alert(1)</script>",
                "/card/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            )
            .await;
            assert!(!body.contains("<script"), "unescaped script in {body:?}");
        });
    }

    /// A quote in the name cannot close the attribute and add another.
    #[test]
    fn a_quote_cannot_break_out_of_the_attribute() {
        ex("04-2").check_async(|| async {
            check(
                "\" onmouseover=\"alert(1)",
                "/card/%22%20onmouseover=%22alert(1)",
            )
            .await;
            check("Tom & Jerry's", "/card/Tom%20%26%20Jerry's").await;
        });
    }
}

mod ex3_counter {
    use super::*;
    use lesson04::ex3_counter::{Visits, router};
    use std::sync::Arc;

    /// Visits are numbered from 1, and `/visits` reads without counting.
    #[test]
    fn visits_are_numbered_from_one() {
        ex("04-3").check_async(|| async {
            let visits = Arc::new(Visits::default());
            let app = router(visits.clone());
            for n in 1..=3 {
                let answer = get(app.clone(), "/visit").await;
                let want = format!("you are visitor number {n}");
                assert_eq!(
                    (answer.status, answer.body.as_str()),
                    (StatusCode::OK, want.as_str()),
                    "visit {n} should answer {want:?}, but answered {answer:?}"
                );
            }
            for _ in 0..2 {
                let answer = get(app.clone(), "/visits").await;
                assert_eq!(
                    answer.body, "3 visits so far",
                    "after 3 visits, /visits should answer \"3 visits so far\" (and not count \
                     itself), but answered {answer:?}"
                );
            }
            assert_eq!(
                visits.count(),
                3,
                "the Visits passed to router() counted {} visits, not 3; use the one you are \
                 given, with `.with_state(visits)`",
                visits.count()
            );
        });
    }

    /// Many requests at once each get their own number, and routers built
    /// from the same `Arc` share one count.
    #[test]
    fn concurrent_visits_each_get_a_number() {
        ex("04-3").check_async(|| async {
            let visits = Arc::new(Visits::default());
            let a = router(visits.clone());
            let b = router(visits.clone());
            let tasks: Vec<_> = (0..100)
                .map(|i| {
                    let app = if i % 2 == 0 { a.clone() } else { b.clone() };
                    tokio::spawn(async move { get(app, "/visit").await.body })
                })
                .collect();
            let mut numbers = Vec::new();
            for task in tasks {
                let body = testkit::join(task).await;
                let n: u64 = body
                    .strip_prefix("you are visitor number ")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("unexpected answer {body:?}"));
                numbers.push(n);
            }
            numbers.sort_unstable();
            assert_eq!(
                numbers,
                (1..=100).collect::<Vec<u64>>(),
                "100 visits through two routers sharing one Visits should be numbered 1 to 100"
            );
            assert_eq!(visits.count(), 100);
        });
    }
}

mod ex4_limits {
    use super::*;
    use axum::routing::{get as route_get, post};
    use lesson04::ex4_limits::{MAX_BODY, TIMEOUT, with_limits};
    use std::time::Duration;
    use tokio::time::Instant;

    /// A router with a slow route, a quick one, and one that reads a body.
    fn inner() -> Router {
        Router::new()
            .route(
                "/forever",
                route_get(|| async {
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    "too late"
                }),
            )
            .route(
                "/quick",
                route_get(|| async {
                    tokio::time::sleep(TIMEOUT / 2).await;
                    "in time"
                }),
            )
            .route("/echo", post(|body: String| async move { body }))
    }

    /// A handler that never ends is cut off with 503, exactly at `TIMEOUT`.
    #[test]
    fn a_slow_request_times_out_with_503() {
        ex("04-4").check_async(|| async {
            let clock = Instant::now();
            let answer = get(with_limits(inner()), "/forever").await;
            assert_eq!(
                answer.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "a handler sleeping an hour should be cut off with 503 Service Unavailable, but \
                 the answer was {answer:?} (chapter 4, under *Limits, on purpose*, says why not \
                 408)"
            );
            assert_eq!(
                clock.elapsed(),
                TIMEOUT,
                "the 503 should come exactly TIMEOUT ({TIMEOUT:?}) after the request, but came \
                 after {:?}",
                clock.elapsed()
            );
        });
    }

    /// Requests within the limits are untouched.
    #[test]
    fn requests_within_the_limits_work() {
        ex("04-4").check_async(|| async {
            let answer = get(with_limits(inner()), "/quick").await;
            assert_eq!(
                (answer.status, answer.body.as_str()),
                (StatusCode::OK, "in time"),
                "a handler taking half of TIMEOUT should answer normally, but answered \
                 {answer:?}"
            );
            let body = "x".repeat(MAX_BODY);
            let answer = send(
                with_limits(inner()),
                Method::POST,
                "/echo",
                Body::from(body.clone()),
            )
            .await;
            assert_eq!(
                (answer.status, answer.body.len()),
                (StatusCode::OK, MAX_BODY),
                "a body of exactly MAX_BODY bytes should be accepted and echoed, but the answer \
                 was {} with {} bytes",
                answer.status,
                answer.body.len()
            );
        });
    }

    /// A body one byte over the limit is refused with 413.
    #[test]
    fn a_big_body_is_refused_with_413() {
        ex("04-4").check_async(|| async {
            let body = Body::from("x".repeat(MAX_BODY + 1));
            let answer = send(with_limits(inner()), Method::POST, "/echo", body).await;
            assert_eq!(
                answer.status,
                StatusCode::PAYLOAD_TOO_LARGE,
                "a body of MAX_BODY + 1 bytes should be refused with 413, but the answer was \
                 {} ({} bytes echoed)",
                answer.status,
                answer.body.len()
            );
            // Both limits at once: the timeout layer must not hide the size limit.
            let answer = get(with_limits(inner()), "/forever").await;
            assert_eq!(
                answer.status,
                StatusCode::SERVICE_UNAVAILABLE,
                "with both limits, a handler that never ends should still get 503"
            );
        });
    }
}

mod ex5_shutdown {
    use super::*;
    use axum::extract::State;
    use axum::routing::get as route_get;
    use lesson04::ex5_shutdown::serve_until;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;
    use tokio::net::{TcpListener, TcpStream};
    use tokio::sync::{Mutex, mpsc, oneshot};

    /// What the test's slow handler shares with the test.
    struct Gate {
        /// Told when the request has reached the handler.
        entered: mpsc::Sender<()>,
        /// Opened by the test to let the handler answer.
        release: Mutex<Option<oneshot::Receiver<()>>>,
        /// Set once `serve_until` has returned.
        returned: Arc<AtomicBool>,
    }

    /// Answers once the test releases it, saying whether `serve_until` had
    /// already returned by then.
    async fn slow(State(gate): State<Arc<Gate>>) -> String {
        let _ = gate.entered.send(()).await;
        let release = gate.release.lock().await.take();
        if let Some(release) = release {
            let _ = release.await;
        }
        if gate.returned.load(Ordering::SeqCst) {
            "served after serve_until returned".to_string()
        } else {
            "done".to_string()
        }
    }

    /// With a request in flight, `stop` closes the door to new clients but
    /// the request still gets its answer, and `serve_until` returns after.
    #[test]
    fn a_request_in_flight_finishes_before_serve_until_returns() {
        ex("04-5").real_clock().check_async(|| async {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let addr = listener.local_addr().unwrap();
            let (entered_tx, mut entered) = mpsc::channel(1);
            let (release_tx, release_rx) = oneshot::channel();
            let returned = Arc::new(AtomicBool::new(false));
            let gate = Arc::new(Gate {
                entered: entered_tx,
                release: Mutex::new(Some(release_rx)),
                returned: returned.clone(),
            });
            let router = Router::new()
                .route("/slow", route_get(slow))
                .with_state(gate);
            let (stop_tx, stop_rx) = oneshot::channel::<()>();
            let flag = returned.clone();
            let mut server = tokio::spawn(async move {
                let result = serve_until(listener, router, async {
                    let _ = stop_rx.await;
                })
                .await;
                flag.store(true, Ordering::SeqCst);
                result
            });
            let client = tokio::spawn(lesson04::load::fetch(addr, "/slow"));

            // 1. The request reaches the handler (or the server fails first).
            tokio::select! {
                Some(()) = entered.recv() => {}
                finished = &mut server => match finished {
                    Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
                    other => panic!(
                        "serve_until returned {other:?} before `stop` was sent; it should serve \
                         until then"
                    ),
                },
            }
            // 2. Stop: new connections must soon be refused.
            stop_tx
                .send(())
                .expect("the server dropped its stop signal");
            let refused = async {
                while TcpStream::connect(addr).await.is_ok() {
                    tokio::task::yield_now().await;
                }
            };
            assert!(
                tokio::time::timeout(Duration::from_secs(5), refused)
                    .await
                    .is_ok(),
                "5 s after `stop` completed, the server still accepted new connections; pass \
                 `stop` to with_graceful_shutdown"
            );
            // 3. The request in flight is let go, and must still be answered.
            release_tx
                .send(())
                .expect("the handler is gone: the request was dropped");
            let answer = tokio::time::timeout(Duration::from_secs(5), testkit::join(client))
                .await
                .expect("the request in flight got no answer within 5 s");
            assert_eq!(
                answer,
                Ok((StatusCode::OK, "done".to_string())),
                "the request in flight when `stop` came should still be answered 200 \"done\"; \
                 \"served after serve_until returned\" means serve_until returned without \
                 waiting for it (a graceful shutdown waits)"
            );
            // 4. And then serve_until returns, without an error.
            let result = tokio::time::timeout(Duration::from_secs(5), testkit::join(server))
                .await
                .expect("serve_until did not return within 5 s of the last request");
            assert!(result.is_ok(), "serve_until returned an error: {result:?}");
        });
    }
}
