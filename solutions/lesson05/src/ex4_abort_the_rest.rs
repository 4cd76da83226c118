//! Exercise 05-4: the first answer, and no task left behind.
//!
//! A page is on several mirrors; ask them all at once and keep the first
//! answer. Each request is a task, so `tokio::spawn` wants what it owns:
//! a clone of its mirror and of `page`, not a borrow (trap 3). The trap here
//! is what happens to the slower requests. Dropping a `JoinHandle` does
//! *not* cancel its task, it only lets go of the result ("A `JoinHandle`
//! *detaches* the associated task when it is dropped", tokio 1.54.1);
//! stopping a task takes `abort()`, as an asyncio task takes `cancel()`.
//! Left alone, the slower requests run on, holding a connection and a
//! mirror's time, for an answer nobody will read.
//!
//! Write `fastest`: start one task per mirror, each calling
//! `Mirror::fetch(page)`, wait for the first to finish and return its
//! answer (`None` if there are no mirrors). By the time `fastest` has
//! returned, no request may be left running: abort each one
//! (`JoinHandle::abort`), or spawn them into a `tokio::task::JoinSet`,
//! which aborts whatever it still holds when it is dropped.
//!
//! Edit this file only. Check it with `cargo test -p lesson05 ex4`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::task::JoinSet;

/// A mirror of a site: answers every request after its own latency, and
/// counts what it is doing, so that a test can see it. Given.
#[derive(Debug, Clone)]
pub struct Mirror {
    name: String,
    latency: Duration,
    load: Arc<Load>,
}

#[derive(Debug, Default)]
struct Load {
    /// Requests started and neither finished nor cancelled.
    in_flight: AtomicUsize,
    /// Requests answered.
    served: AtomicUsize,
}

/// Counts one request in flight while it lives: a cancelled request is
/// dropped mid-way, and this drop is how the mirror notices.
struct Busy(Arc<Load>);

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Mirror {
    pub fn new(name: &str, latency: Duration) -> Mirror {
        Mirror {
            name: name.to_string(),
            latency,
            load: Arc::default(),
        }
    }

    /// Fetches `page`: `"<page> from <name>"`, after the mirror's latency.
    pub async fn fetch(&self, page: &str) -> String {
        self.load.in_flight.fetch_add(1, Ordering::SeqCst);
        let _busy = Busy(Arc::clone(&self.load));
        tokio::time::sleep(self.latency).await;
        self.load.served.fetch_add(1, Ordering::SeqCst);
        format!("{page} from {}", self.name)
    }

    /// Requests being worked on now.
    pub fn in_flight(&self) -> usize {
        self.load.in_flight.load(Ordering::SeqCst)
    }

    /// Requests answered so far.
    pub fn served(&self) -> usize {
        self.load.served.load(Ordering::SeqCst)
    }
}

/// Asks every mirror for `page` at once, each in its own task; returns the
/// first answer, with every other request stopped. `None` if `mirrors` is
/// empty.
pub async fn fastest(mirrors: &[Mirror], page: &str) -> Option<String> {
    // TODO: spawn one task per mirror (each owning its clones), take the
    // first answer, and leave no request running.
    let mut requests = JoinSet::new();
    for mirror in mirrors {
        let (mirror, page) = (mirror.clone(), page.to_string());
        requests.spawn(async move { mirror.fetch(&page).await });
    }
    let first = requests.join_next().await?;
    // Returning drops `requests`, and a dropped `JoinSet` aborts the tasks
    // it still holds: the slower requests stop here.
    Some(first.expect("a request panicked"))
}
