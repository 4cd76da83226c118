//! `oneshot` as asyncio's `Future` (`loop.create_future()`), and the actor
//! pattern built on it: one task owns the state and answers requests that
//! carry a oneshot sender for the reply. Nobody else touches the state, so
//! nothing needs a lock, and nothing can hold one across an `.await`.
//!
//! The actor here keeps a visit count per page: the same job as a shared
//! `Mutex<HashMap>`, shown beside it for comparison.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::{mpsc, oneshot};

// ANCHOR: oneshot
/// A value set once, by someone else, and awaited here: asyncio's
/// `fut = loop.create_future()` … `fut.set_result(v)` … `await fut`.
/// If the sender is dropped unsent, the await gives an error instead of
/// waiting for ever (an asyncio future nobody resolves just hangs).
pub async fn answer_later() -> (Result<u32, oneshot::error::RecvError>, bool) {
    let (tx, rx) = oneshot::channel::<u32>();
    tokio::spawn(async move {
        let _ = tx.send(42); // set_result
    });
    let answered = rx.await;
    let (tx, rx) = oneshot::channel::<u32>();
    drop(tx); // nobody will ever answer
    (answered, rx.await.is_err())
}
// ANCHOR_END: oneshot

// ANCHOR: actor
/// What the actor is asked: each request carries where to send its reply.
#[derive(Debug)]
enum Request {
    /// Count one visit to the page; reply with its count so far.
    Visit(String, oneshot::Sender<u64>),
    /// Reply with every page's count, sorted by page.
    Report(oneshot::Sender<Vec<(String, u64)>>),
}

/// The actor's one task: it owns `counts`, and reads requests one at a
/// time until every handle has been dropped.
async fn serve(mut requests: mpsc::Receiver<Request>) {
    let mut counts: HashMap<String, u64> = HashMap::new();
    while let Some(request) = requests.recv().await {
        match request {
            Request::Visit(page, reply) => {
                let count = counts.entry(page).or_default();
                *count += 1;
                // The asker may have given up (been cancelled): not our
                // problem, and no reason to stop serving the others.
                let _ = reply.send(*count);
            }
            Request::Report(reply) => {
                let mut all: Vec<_> = counts.iter().map(|(p, n)| (p.clone(), *n)).collect();
                all.sort();
                let _ = reply.send(all);
            }
        }
    }
}

/// A handle on the actor: cheap to clone, one per task that needs it.
#[derive(Debug, Clone)]
pub struct Counter {
    requests: mpsc::Sender<Request>,
}

impl Counter {
    /// Starts the actor's task on the current runtime.
    pub fn start() -> Counter {
        let (requests, inbox) = mpsc::channel(32);
        tokio::spawn(serve(inbox));
        Counter { requests }
    }

    /// Counts a visit to `page`; its count so far. `None` if the actor
    /// has stopped.
    pub async fn visit(&self, page: &str) -> Option<u64> {
        let (reply, answer) = oneshot::channel();
        let request = Request::Visit(page.to_string(), reply);
        self.requests.send(request).await.ok()?;
        answer.await.ok()
    }

    /// Every page's count, sorted by page; `None` if the actor has stopped.
    pub async fn report(&self) -> Option<Vec<(String, u64)>> {
        let (reply, answer) = oneshot::channel();
        self.requests.send(Request::Report(reply)).await.ok()?;
        answer.await.ok()
    }
}
// ANCHOR_END: actor

// ANCHOR: shared
/// The same counts kept with a lock instead: every task locks, counts,
/// unlocks. Correct while the guard is never held across an `.await`
/// (chapter 5's trap 2); the actor cannot fall into that at all.
pub fn visit_locked(counts: &Arc<Mutex<HashMap<String, u64>>>, page: &str) -> u64 {
    let mut counts = counts.lock().expect("the counts' lock is poisoned");
    let count = counts.entry(page.to_string()).or_default();
    *count += 1;
    *count
}
// ANCHOR_END: shared

/// Ten tasks visit three pages through the actor, and the same through the
/// lock; both reports, which must agree.
pub async fn both_ways() -> (Vec<(String, u64)>, Vec<(String, u64)>) {
    let pages = ["/", "/about", "/news"];
    let counter = Counter::start();
    let locked = Arc::new(Mutex::new(HashMap::new()));
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..10 {
        let (counter, locked) = (counter.clone(), Arc::clone(&locked));
        tasks.spawn(async move {
            for visit in 0..task + 1 {
                let page = pages[(task + visit) % pages.len()];
                counter.visit(page).await;
                visit_locked(&locked, page);
                tokio::task::yield_now().await;
            }
        });
    }
    while let Some(done) = tasks.join_next().await {
        done.expect("a visiting task panicked");
    }
    let by_actor = counter.report().await.unwrap_or_default();
    let mut by_lock: Vec<_> = locked.lock().unwrap().clone().into_iter().collect();
    by_lock.sort();
    (by_actor, by_lock)
}
