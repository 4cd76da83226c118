//! Exercise 04-3: shared state, a visit counter.
//!
//! Every connection is served by a task of its own (`axum::serve` spawns
//! one per connection), maybe on another thread, so anything the handlers
//! share lives behind an `Arc` and changes safely from many tasks at once:
//! here an atomic counter. axum hands it to
//! each handler through the `State` extractor: build the router with
//! `.with_state(visits)`, and a handler that takes `State(visits):
//! State<Arc<Visits>>` gets a clone of that `Arc`.
//!
//! Write `router`, using the `Visits` it is given (not a new one):
//! - `GET /visit` counts one more visit and answers `you are visitor number N`,
//!   where N counts this visit (the first visitor is number 1);
//! - `GET /visits` answers `N visits so far` without counting.
//!
//! `Visits::record` and `Visits::count` are written for you.
//!
//! Edit this file only. Check it with `cargo test -p lesson04 ex3`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::get;

/// The number of visits, shared by every request. Given; do not change it.
#[derive(Debug, Default)]
pub struct Visits {
    count: AtomicU64,
}

impl Visits {
    /// Counts one visit and returns its number (1 for the first).
    pub fn record(&self) -> u64 {
        self.count.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// The visits counted so far.
    pub fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

pub fn router(visits: Arc<Visits>) -> Router {
    // TODO: two routes whose handlers take `State<Arc<Visits>>`; `.with_state(visits)`.
    async fn visit(State(visits): State<Arc<Visits>>) -> String {
        format!("you are visitor number {}", visits.record())
    }

    async fn so_far(State(visits): State<Arc<Visits>>) -> String {
        format!("{} visits so far", visits.count())
    }

    Router::new()
        .route("/visit", get(visit))
        .route("/visits", get(so_far))
        .with_state(visits)
}
