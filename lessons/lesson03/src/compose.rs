//! Composing futures: run several at once, race them, bound them, stop them.
//!
//! Each function here is one tool, on a pretend download ([`fake_fetch`])
//! so that its timing is exact on tokio's paused clock. The chapter shows
//! them one by one, beside what asyncio offers for the same job.

// ANCHOR: setup
use std::time::Duration;

use futures::stream::{self, StreamExt};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

/// A pretend download: waits `delay`, then returns `"body of NAME"`, or an
/// error if `name` starts with `bad`.
pub async fn fake_fetch(name: &str, delay: Duration) -> Result<String, String> {
    sleep(delay).await;
    if name.starts_with("bad") {
        Err(format!("{name}: refused"))
    } else {
        Ok(format!("body of {name}"))
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}
// ANCHOR_END: setup

// ANCHOR: join
/// `join!` polls both futures in this one task until both are done: the
/// time taken is the longer of the two, not their sum. Like
/// `asyncio.gather(a, b)`, but without creating tasks.
pub async fn join_two() -> (Result<String, String>, Result<String, String>, Duration) {
    let start = Instant::now();
    let (a, b) = tokio::join!(fake_fetch("a", ms(300)), fake_fetch("b", ms(200)));
    (a, b, start.elapsed())
}
// ANCHOR_END: join

// ANCHOR: try_join
/// `try_join!` stops at the first error and drops the other future, which
/// is cancelled half-way: `slow` never finishes.
pub async fn try_join_two() -> (Result<(String, String), String>, Duration) {
    let start = Instant::now();
    let both = tokio::try_join!(fake_fetch("slow", ms(5_000)), fake_fetch("bad", ms(100)));
    (both, start.elapsed())
}
// ANCHOR_END: try_join

// ANCHOR: select
/// `select!` polls every branch and runs the body of the first to finish;
/// the other futures are dropped. Here a download races a deadline.
pub async fn race_a_deadline() -> &'static str {
    tokio::select! {
        _ = fake_fetch("slow", ms(5_000)) => "the download won",
        _ = sleep(ms(1_000)) => "the deadline won",
    }
}
// ANCHOR_END: select

// ANCHOR: timeout
/// The same race, ready-made: `timeout` gives `Err(Elapsed)` when time runs
/// out, and drops the inner future. asyncio's `wait_for` and (since
/// Python 3.11) `asyncio.timeout` do the same.
pub async fn with_a_timeout() -> Result<Result<String, String>, tokio::time::error::Elapsed> {
    tokio::time::timeout(ms(1_000), fake_fetch("slow", ms(5_000))).await
}
// ANCHOR_END: timeout

// ANCHOR: joinset
/// A `JoinSet` owns spawned tasks and hands back their results as they
/// finish, in finishing order: asyncio's `TaskGroup` plus `as_completed`.
/// Dropping the set aborts every task still in it.
pub async fn join_set() -> Vec<String> {
    let mut set = JoinSet::new();
    for (name, delay) in [("first", 300), ("second", 100), ("third", 200)] {
        set.spawn(async move { fake_fetch(name, ms(delay)).await });
    }
    let mut done = Vec::new();
    while let Some(joined) = set.join_next().await {
        done.push(joined.expect("task panicked").expect("fake fetch failed"));
    }
    done
}
// ANCHOR_END: joinset

// ANCHOR: buffer_unordered
/// A stream of futures, at most `limit` of them running at once, results in
/// finishing order. Returns the bodies and how long it took: 6 downloads of
/// 100 ms with a limit of 2 take 300 ms.
pub async fn bounded(limit: usize) -> (Vec<String>, Duration) {
    let start = Instant::now();
    let bodies = stream::iter(1..=6)
        .map(|n| async move { fake_fetch(&format!("page{n}"), ms(100)).await })
        .buffer_unordered(limit)
        .map(|r| r.expect("fake fetch failed"))
        .collect()
        .await;
    (bodies, start.elapsed())
}
// ANCHOR_END: buffer_unordered

// ANCHOR: cancel
/// What a dropped future leaves behind: it stops at the `.await` where it
/// was waiting and never runs another line. Anything it did before that
/// stays done; anything after never happens. Here the copy is interrupted
/// between its two halves, and only a guard's `Drop` can notice.
pub async fn cancelled_half_way(log: crate::lowered::Log) {
    struct Guard(crate::lowered::Log);
    impl Drop for Guard {
        fn drop(&mut self) {
            crate::lowered::note(&self.0, "guard dropped: clean up here");
        }
    }
    let copy = async {
        let _guard = Guard(log.clone());
        crate::lowered::note(&log, "copied the first half");
        sleep(ms(1_000)).await; // cancelled while waiting here
        crate::lowered::note(&log, "copied the second half"); // never runs
    };
    let _ = tokio::time::timeout(ms(10), copy).await;
}
// ANCHOR_END: cancel

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The `use` lines of a module's `source` (up to its tests) that are
    /// not inside its `// ANCHOR: name`: the chapter shows that anchor as
    /// the imports the module's examples share, so there should be none.
    pub(crate) fn uses_outside_anchor<'a>(source: &'a str, name: &str) -> Vec<&'a str> {
        let code = source.split("\n#[cfg(test)]").next().unwrap_or(source);
        let (start, end) = (
            format!("// ANCHOR: {name}"),
            format!("// ANCHOR_END: {name}"),
        );
        let mut inside = false;
        let mut outside = Vec::new();
        for line in code.lines().map(str::trim) {
            if line == start || line == end {
                inside = line == start;
            } else if line.starts_with("use ") && !inside {
                outside.push(line);
            }
        }
        outside
    }

    #[test]
    fn the_setup_anchor_holds_every_import() {
        let outside = uses_outside_anchor(include_str!("compose.rs"), "setup");
        assert!(
            outside.is_empty(),
            "imports the chapter does not list: {outside:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn join_takes_the_longer_time() {
        let (a, b, took) = join_two().await;
        assert_eq!(
            (a.unwrap(), b.unwrap()),
            ("body of a".into(), "body of b".into())
        );
        assert_eq!(took, ms(300));
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_stops_at_the_first_error() {
        let (both, took) = try_join_two().await;
        assert_eq!(both, Err("bad: refused".to_string()));
        assert_eq!(took, ms(100));
    }

    #[tokio::test(start_paused = true)]
    async fn select_and_timeout_let_the_deadline_win() {
        assert_eq!(race_a_deadline().await, "the deadline won");
        assert!(with_a_timeout().await.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn join_set_gives_finishing_order() {
        assert_eq!(
            join_set().await,
            ["body of second", "body of third", "body of first"]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn buffer_unordered_bounds_the_time() {
        let (bodies, took) = bounded(2).await;
        assert_eq!(bodies.len(), 6);
        assert_eq!(took, ms(300));
        let (_, took) = bounded(6).await;
        assert_eq!(took, ms(100));
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_future_stops_at_its_await() {
        let log = crate::lowered::Log::default();
        cancelled_half_way(log.clone()).await;
        let log = log.lock().unwrap().clone();
        assert_eq!(
            log,
            ["copied the first half", "guard dropped: clean up here"]
        );
    }
}
