//! Exercise 04-5: graceful shutdown.
//!
//! Stopping a server by ending the process cuts off every request in
//! flight: a visitor who asked half a second ago gets a broken connection.
//! A graceful shutdown stops *accepting* at once, lets the requests already
//! being served finish, and only then returns. axum does this for you:
//! `axum::serve(listener, router).with_graceful_shutdown(signal)` serves
//! until the future `signal` completes, then drains.
//!
//! Write `serve_until`: serve `router` on `listener` until `stop` completes,
//! then shut down gracefully, and return once every request in flight has
//! been answered. (The lesson's program does the same with Ctrl-C as `stop`.)
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex5`.

use std::future::Future;
use std::io;

use axum::Router;
use tokio::net::TcpListener;

pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    // TODO: axum::serve, with a graceful shutdown on `stop`.
    axum::serve(listener, router)
        .with_graceful_shutdown(stop)
        .await
}
