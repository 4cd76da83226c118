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
//!
//! 练习 04-4：来自 tower-http 的时间上限和大小上限。
//!
//! 一个永远不结束的处理函数会永远占着它的连接；一个发来 1 GB 请求体的
//! 客户端会让服务器读上 1 GB。防止这两种情况都不是处理函数的职责：层（layer）
//! 会包住整个路由，在处理函数运行之前或运行的过程中拒绝这样的请求。tower-http
//! 两种都有：
//! - `tower_http::timeout::TimeoutLayer::with_status_code(status, duration)`
//!   在内层服务耗时超过 `duration` 时回应 `status`；
//! - `tower_http::limit::RequestBodyLimitLayer::new(bytes)` 对大于 `bytes`
//!   的请求体回应 `413 Content Too Large`。
//!
//! 写出 `with_limits`：把给定的路由包装起来，使耗时超过 `TIMEOUT` 的请求
//! 得到 `503 Service Unavailable` 回应（正好在时间用完时），请求体超过
//! `MAX_BODY` 字节的请求得到 `413` 回应。两个上限之内的请求必须照常工作。
//!
//! 为什么是 503，而不是名字很贴切的 `408 Request Timeout`：第 4 章的
//! “有意设定的上限”（*Limits, on purpose*）一节说明了理由。
//!
//! 只编辑这个文件。用 `cargo test -p lesson04 ex4` 检查。

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
    // TODO: 每个上限各调用一次 `router.layer(...)`。
    todo!()
}
