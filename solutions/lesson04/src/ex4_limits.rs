//! Exercise 04-4: a time limit and a size limit, from tower-http.
//!
//! A handler that never finishes holds its connection forever; a client that
//! sends a gigabyte of body makes the server read a gigabyte. Neither is a
//! handler's job to prevent: *layers* wrap the whole router and refuse such
//! requests before or while the handler runs. tower-http has both:
//! - `tower_http::timeout::TimeoutLayer::with_status_code(status, duration)`
//!   answers `status` when the inner service takes longer than `duration`;
//! - `tower_http::limit::RequestBodyLimitLayer::new(bytes)` answers
//!   `413 Content Too Large` to a body bigger than `bytes`.
//!
//! Write `with_limits`: the given router, wrapped so that a request taking
//! longer than `TIMEOUT` is answered `503 Service Unavailable` (exactly when
//! the time runs out), and one whose body is over `MAX_BODY` bytes is
//! answered `413`. Requests within both limits must work as before.
//!
//! Why 503 and not `408 Request Timeout`, whose name fits so well: chapter 4
//! says, under *Limits, on purpose*.
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex4`.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// The longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// The largest request body accepted, in bytes.
pub const MAX_BODY: usize = 1024;

pub fn with_limits(router: Router) -> Router {
    // TODO: `router.layer(...)` once for each limit.
    router
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
}
