//! Lesson 05's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.
//!
//! Each exercise is one trap, and its tests are built so that falling into
//! the trap fails them every time, not only on a slow day: they watch a
//! second task on tokio's paused clock, or probe a lock while your code is
//! suspended, or count the requests still running after the answer came.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use testkit::tokio;

const LESSON: &str = include_str!("../exercises.toml");

fn ex(id: &str) -> testkit::Exercise {
    testkit::exercise(LESSON, id)
}

/// A task that counts a beat every `period` of tokio's clock, until aborted.
fn heartbeat(period: Duration) -> (Arc<AtomicU32>, tokio::task::JoinHandle<()>) {
    let beats = Arc::new(AtomicU32::new(0));
    let task = tokio::spawn({
        let beats = Arc::clone(&beats);
        async move {
            loop {
                tokio::time::sleep(period).await;
                beats.fetch_add(1, Ordering::Relaxed);
            }
        }
    });
    (beats, task)
}

mod ex1_wait_without_blocking {
    use super::*;
    use lesson05::ex1_wait_without_blocking::wait_until;
    use tokio::time::Instant;

    /// Ready at once: one call, no wait.
    #[test]
    fn ready_at_once_takes_one_check_and_no_time() {
        ex("05-1").check_async(|| async {
            let start = Instant::now();
            let mut calls = 0;
            let got = wait_until(
                || {
                    calls += 1;
                    true
                },
                Duration::from_secs(1),
                5,
            )
            .await;
            assert_eq!(
                (got, calls),
                (Some(1), 1),
                "(result, calls of ready) when ready() is true at once"
            );
            assert_eq!(
                start.elapsed(),
                Duration::ZERO,
                "wait_until waited although ready() was true on the first call"
            );
        });
    }

    /// Ready on the fourth call: three waits of `every`, on tokio's clock,
    /// and the heartbeat beside it beats during every one of them.
    #[test]
    fn waits_between_checks_without_starving_other_tasks() {
        ex("05-1").check_async(|| async {
            let (beats, heart) = heartbeat(Duration::from_millis(1));
            tokio::task::yield_now().await;
            let start = Instant::now();
            let mut seen = Vec::new();
            let real_start = std::time::Instant::now();
            let got = wait_until(
                || {
                    seen.push(beats.load(Ordering::Relaxed));
                    seen.len() == 4
                },
                Duration::from_millis(10),
                10,
            )
            .await;
            let took = start.elapsed();
            let real = real_start.elapsed();
            heart.abort();
            assert_eq!(got, Some(4), "ready() first said true on its 4th call");
            let starved = seen.windows(2).any(|w| w[1] == w[0]);
            // Two kinds of mistake starve the heartbeat: a wait that blocks
            // the thread (which takes real time: three waits of 10 ms at
            // least) and no wait at all (a sleep never awaited, or a
            // `yield_now` in its place, which take none).
            let likely = if took.is_zero() && real < Duration::from_millis(30) {
                "no time passed between your checks, on tokio's clock or the real one: your \
                 code did not wait `every` between two checks. A sleep that is not awaited \
                 does nothing, and yield_now only lets other ready tasks run, with no time \
                 passing: write tokio::time::sleep(every).await"
            } else {
                "your wait blocked the thread. std::thread::sleep holds the runtime's only \
                 thread; use tokio::time::sleep(every).await"
            };
            assert!(
                !starved,
                "a heartbeat task that beats every 1 ms did not beat between two of your \
                 checks (beats seen at each check: {seen:?}; {took:?} passed on tokio's clock, \
                 {real:?} of real time): {likely}"
            );
            assert_eq!(
                took,
                Duration::from_millis(30),
                "4 checks 10 ms apart should take 30 ms on tokio's clock, not {took:?}"
            );
        });
    }

    /// Never ready: exactly `max_checks` calls, and no wait after the last.
    #[test]
    fn gives_up_after_max_checks() {
        ex("05-1").check_async(|| async {
            let start = Instant::now();
            let mut calls = 0;
            let got = wait_until(
                || {
                    calls += 1;
                    false
                },
                Duration::from_millis(10),
                5,
            )
            .await;
            assert_eq!(
                (got, calls),
                (None, 5),
                "(result, calls of ready) when ready() is never true and max_checks is 5"
            );
            let took = start.elapsed();
            assert_eq!(
                took,
                Duration::from_millis(40),
                "5 checks need 4 waits of 10 ms (none after the last), 40 ms on tokio's clock; \
                 this took {took:?}. No time at all means the waits never happened on tokio's \
                 clock: a sleep that is not awaited, or std::thread::sleep, which tokio's clock \
                 does not see; 50 ms means a wait after the last check"
            );
            let none = wait_until(
                || panic!("ready() called with max_checks 0"),
                Duration::ZERO,
                0,
            );
            assert_eq!(none.await, None, "max_checks 0 should give None");
        });
    }
}

mod ex2_cpu_on_pool {
    use super::*;
    use lesson05::ex2_cpu_on_pool::{JobPanicked, run_on_pool};
    use lesson05::pool::Pool;
    use std::sync::mpsc;

    // The pool's threads are outside tokio: on the paused clock, a runtime
    // waiting for them looks idle and would jump time ahead, so these tests
    // run on the real clock (they use no timers).

    /// The job's answer comes back, computed on one of the pool's threads.
    #[test]
    fn answers_from_a_pool_thread() {
        ex("05-2").real_clock().check_async(|| async {
            let pool = Pool::new(2, "exercise-pool");
            let (answer, thread) = run_on_pool(&pool, || {
                let thread = std::thread::current().name().map(str::to_owned);
                ((1..=10u64).product::<u64>(), thread)
            })
            .await
            .expect("a job that does not panic gave Err(JobPanicked)");
            assert_eq!(answer, 3_628_800, "the job's answer did not come back");
            let thread = thread.unwrap_or_default();
            assert!(
                thread.starts_with("exercise-pool-"),
                "the job ran on thread {thread:?}, not on the pool's: hand it to pool.execute"
            );
        });
    }

    /// While the job runs, a task on the runtime's one thread runs too: the
    /// job here cannot even finish until that task has sent it a message.
    #[test]
    fn the_runtime_runs_other_tasks_while_the_job_works() {
        ex("05-2").real_clock().check_async(|| async {
            let pool = Pool::new(1, "exercise-pool");
            let (tx, rx) = mpsc::channel();
            let other = tokio::spawn(async move {
                let _ = tx.send("hello from a task on the runtime");
            });
            let heard = run_on_pool(&pool, move || rx.recv_timeout(Duration::from_secs(2)))
                .await
                .expect("a job that does not panic gave Err(JobPanicked)");
            assert_eq!(
                heard,
                Ok("hello from a task on the runtime"),
                "the job waited 2 s for a message from a task, which never ran: the runtime's \
                 thread was blocked while the job ran. Await the oneshot's receiver; do not \
                 call the job or block on its answer here"
            );
            testkit::join(other).await;
        });
    }

    /// A job that panics gives `Err(JobPanicked)`, and the pool still works.
    #[test]
    fn a_panicking_job_gives_an_error_not_a_hang() {
        ex("05-2").real_clock().check_async(|| async {
            let pool = Pool::new(1, "exercise-pool");
            let ok = run_on_pool(&pool, || 1).await;
            assert_eq!(ok, Ok(1), "run_on_pool(&pool, || 1)");
            let failed = run_on_pool(&pool, || -> u32 {
                let thread = std::thread::current().name().map(str::to_owned);
                let thread = thread.unwrap_or_default();
                if thread.starts_with("exercise-pool-") {
                    panic!("a job that panics on the pool, on purpose (this message is expected)")
                }
                // Not on the pool: this panic unwinds into run_on_pool's
                // caller, and the test reports it as the mistake it is.
                panic!(
                    "a job that panics (on purpose) should panic on a pool thread, where the \
                     panic stays, and give Err(JobPanicked); it ran on thread {thread:?} \
                     instead, so its panic came up through run_on_pool. Call the job inside the \
                     closure you give to pool.execute, and only await the oneshot's receiver here"
                )
            })
            .await;
            assert_eq!(
                failed,
                Err(JobPanicked),
                "a job that panicked should give Err(JobPanicked): the oneshot's sender is \
                 dropped without sending, and rx.await says so"
            );
            let after = run_on_pool(&pool, || 2).await;
            assert_eq!(
                after,
                Ok(2),
                "the pool should still run jobs after one panicked"
            );
        });
    }
}

mod ex3_short_lock {
    use super::*;
    use lesson05::ex3_short_lock::hit;
    use std::collections::HashMap;
    use std::sync::Mutex;
    use tokio::sync::mpsc;

    /// Counts go up per page, and each hit reports its page's new count.
    #[test]
    fn counts_and_reports_each_hit() {
        ex("05-3").check_async(|| async {
            let counts = Mutex::new(HashMap::new());
            let (tx, mut rx) = mpsc::channel(10);
            for page in ["home", "about", "home", "home"] {
                hit(&counts, page, &tx).await;
            }
            drop(tx);
            let mut reports = Vec::new();
            while let Some(report) = rx.recv().await {
                reports.push(report);
            }
            let want = [("home", 1), ("about", 1), ("home", 2), ("home", 3)]
                .map(|(p, n)| (p.to_string(), n))
                .to_vec();
            assert_eq!(reports, want, "reports for hits on home, about, home, home");
            let counts = counts.lock().unwrap();
            assert_eq!(
                (counts.get("home"), counts.get("about")),
                (Some(&3), Some(&1)),
                "the counts after hits on home, about, home, home"
            );
        });
    }

    /// While `hit` waits for room in a full channel, the counter is free:
    /// another task can lock it. A guard held across the send's `.await`
    /// keeps it locked for as long as the channel stays full.
    #[test]
    fn the_lock_is_free_while_the_report_waits() {
        ex("05-3").check_async(|| async {
            let counts = Mutex::new(HashMap::from([("home".to_string(), 41)]));
            let (tx, mut rx) = mpsc::channel(1);
            tx.send(("earlier".to_string(), 0)).await.unwrap(); // the channel is full
            // While the channel stays full, `hit` cannot finish; meanwhile
            // the probe tries the lock, turn after turn.
            let probe = async {
                for _ in 0..100 {
                    if counts.try_lock().is_err() {
                        return Err("locked");
                    }
                    tokio::task::yield_now().await;
                }
                Ok(())
            };
            let drain = async {
                let found = probe.await;
                let earlier = rx.recv().await; // makes room: the report can go
                let report = rx.recv().await;
                (found, earlier, report)
            };
            let ((), (found, _, report)) = tokio::join!(hit(&counts, "home", &tx), drain);
            assert_eq!(
                found,
                Ok(()),
                "while hit() waited to send its report, the counter's Mutex was still locked: \
                 the MutexGuard lived across the .await. Drop it (end its block) before \
                 sending"
            );
            assert_eq!(
                counts.lock().unwrap().get("home"),
                Some(&42),
                "the count of \"home\" after one more hit"
            );
            assert_eq!(
                report,
                Some(("home".to_string(), 42)),
                "the report for the hit on \"home\""
            );
        });
    }
}

mod ex4_abort_the_rest {
    use super::*;
    use lesson05::ex4_abort_the_rest::{Mirror, fastest};
    use tokio::time::Instant;

    const SECOND: Duration = Duration::from_secs(1);

    /// Three mirrors, 3 s, 1 s and 2 s away, in that order (the fastest is
    /// not the first, so asking them in turn shows).
    fn mirrors() -> Vec<Mirror> {
        vec![
            Mirror::new("slow", 3 * SECOND),
            Mirror::new("fast", SECOND),
            Mirror::new("middle", 2 * SECOND),
        ]
    }

    /// The fastest mirror's answer, after its latency and no longer.
    #[test]
    fn the_fastest_mirror_answers_first() {
        ex("05-4").check_async(|| async {
            let mirrors = mirrors();
            let start = Instant::now();
            let got = fastest(&mirrors, "index").await;
            let took = start.elapsed();
            assert_eq!(
                got.as_deref(),
                Some("index from fast"),
                "the answer should come from the mirror 1 s away, the first to finish: wait \
                 for whichever request finishes first, not for the first in the list"
            );
            assert!(
                took < 2 * SECOND,
                "the answer took {took:?} on the test's clock; asked all at once, the fastest \
                 mirror answers in 1 s"
            );
        });
    }

    /// Half-way through the wait, every mirror is working on the request,
    /// each request in a task of its own.
    #[test]
    fn every_mirror_is_asked_at_once_in_its_own_task() {
        ex("05-4").check_async(|| async {
            let mirrors = mirrors();
            let asking = tokio::spawn({
                let mirrors = mirrors.clone();
                async move { fastest(&mirrors, "index").await }
            });
            tokio::time::sleep(SECOND / 2).await;
            let busy: Vec<usize> = mirrors.iter().map(Mirror::in_flight).collect();
            let alive = tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks();
            let got = testkit::join(asking).await;
            assert_eq!(
                busy,
                [1, 1, 1],
                "requests in flight at each mirror (slow, fast, middle) half a second in: \
                 every mirror should be asked at once"
            );
            assert!(
                alive > mirrors.len(),
                "{alive} tasks alive half a second in; there should be `fastest` (spawned by \
                 the test) and one per mirror: spawn each request as a task"
            );
            assert_eq!(
                got.as_deref(),
                Some("index from fast"),
                "the first answer to come back, from the mirror 1 s away"
            );
        });
    }

    /// Once `fastest` has returned, the slower requests are stopped: not
    /// running, never served, no task left.
    #[test]
    fn no_request_outlives_the_answer() {
        ex("05-4").check_async(|| async {
            let mirrors = mirrors();
            let got = fastest(&mirrors, "index").await;
            assert_eq!(
                got.as_deref(),
                Some("index from fast"),
                "the first answer to come back, from the mirror 1 s away"
            );
            // An abort takes effect when the runtime next gets to the task:
            // one short sleep lets it.
            tokio::time::sleep(Duration::from_millis(1)).await;
            let still_running: Vec<&str> = ["slow", "fast", "middle"]
                .into_iter()
                .zip(&mirrors)
                .filter(|(_, mirror)| mirror.in_flight() > 0)
                .map(|(name, _)| name)
                .collect();
            assert!(
                still_running.is_empty(),
                "after `fastest` returned, requests to {still_running:?} were still running: a \
                 dropped JoinHandle does not cancel its task; abort them, or keep them in a \
                 JoinSet, which aborts its tasks when it is dropped"
            );
            let alive = tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks();
            assert_eq!(
                alive, 0,
                "{alive} tasks still alive after `fastest` returned; none should outlive it"
            );
            tokio::time::sleep(5 * SECOND).await;
            let served: Vec<usize> = mirrors.iter().map(Mirror::served).collect();
            assert_eq!(
                served,
                [0, 1, 0],
                "requests served (slow, fast, middle) 5 s later: only the fastest should have \
                 been, the others stopped when its answer came"
            );
        });
    }

    /// No mirrors, no answer, and no waiting for ever.
    #[test]
    fn no_mirrors_give_none() {
        ex("05-4").check_async(|| async {
            let got = fastest(&[], "index").await;
            assert_eq!(got, None, "fastest(&[], ..) should be None");
        });
    }
}

mod ex5_async_from_sync {
    use super::*;
    use lesson05::bridge::{PriceClient, legacy_total, price_of};
    use lesson05::ex5_async_from_sync::total_price;
    use std::sync::Mutex;
    use std::thread::ThreadId;

    /// The total is the legacy code's: prices from the service, every third
    /// item free.
    #[test]
    fn totals_the_basket_with_the_legacy_code() {
        let total = ex("05-5").check_async(|| async {
            let prices = PriceClient::spawn();
            total_price(prices, vec![1, 2, 3, 4], legacy_total).await
        });
        let want = price_of(1) + price_of(2) + price_of(4);
        assert_eq!(
            total, want,
            "the total of items 1, 2, 3, 4 through legacy_total (item 3 is free)"
        );
    }

    /// The legacy code runs on another thread than the runtime's, and its
    /// callback gets every price from the async service.
    #[test]
    fn the_legacy_code_runs_off_the_runtime_thread() {
        ex("05-5").check_async(|| async {
            let runtime_thread = std::thread::current().id();
            let ran_on: Arc<Mutex<Option<ThreadId>>> = Arc::default();
            let prices = PriceClient::spawn();
            let legacy = {
                let ran_on = Arc::clone(&ran_on);
                move |items: &[u32], price: &mut dyn FnMut(u32) -> u64| {
                    *ran_on.lock().unwrap() = Some(std::thread::current().id());
                    // A total no other code would compute: this legacy's own.
                    1_000_000 + items.iter().map(|&i| price(i)).sum::<u64>()
                }
            };
            let items: Vec<u32> = (1..=50).collect();
            let total = total_price(prices, items.clone(), legacy).await;
            let want = 1_000_000 + items.iter().map(|&i| price_of(i)).sum::<u64>();
            assert_eq!(total, want, "the legacy code's own total should come back");
            let ran_on = ran_on.lock().unwrap().take();
            assert!(ran_on.is_some(), "the legacy function was never called");
            assert_ne!(
                ran_on,
                Some(runtime_thread),
                "the legacy code ran on the runtime's own thread, where it may not block; \
                 run it with tokio::task::spawn_blocking"
            );
        });
    }
}
