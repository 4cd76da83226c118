//! Lesson 01's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll};

use testkit::futures::PendingTimes;
use testkit::wakers::CountingWaker;

const LESSON: &str = include_str!("../exercises.toml");

/// The grader for exercise `id`. Where the learner writes `poll` by hand, a
/// stuck test most likely means a waker nobody calls.
fn ex(id: &str) -> testkit::Exercise {
    let ex = testkit::exercise(LESSON, id);
    match id {
        "01-1" | "01-3" => ex.if_stuck(testkit::STUCK_WAKER),
        _ => ex,
    }
}

mod ex1_countdown {
    use super::*;
    use lesson01::ex1_countdown::Countdown;

    /// Polls `Countdown::new(from)` by hand up to `max` times.
    fn poll_sequence(from: u32, max: usize) -> (Vec<Poll<&'static str>>, usize) {
        let (wakes, waker) = CountingWaker::new();
        let mut cx = Context::from_waker(&waker);
        let mut countdown = pin!(Countdown::new(from));
        let mut seen = Vec::new();
        for _ in 0..max {
            let poll = countdown.as_mut().poll(&mut cx);
            seen.push(poll);
            if poll.is_ready() {
                break;
            }
        }
        (seen, wakes.wakes())
    }

    /// Three, two, one, liftoff: exactly three Pendings, then Ready.
    #[test]
    fn countdown_from_three_is_pending_three_times_then_ready() {
        ex("01-1").check(|| {
            let (seen, _) = poll_sequence(3, 10);
            let want = vec![Poll::Pending, Poll::Pending, Poll::Pending, Poll::Ready("liftoff")];
            assert_eq!(
                seen, want,
                "polling Countdown::new(3) gave {seen:?}; expected three Pending, then Ready(\"liftoff\")"
            );
        });
    }

    /// Nothing to count down: ready on the first poll.
    #[test]
    fn countdown_from_zero_is_ready_at_once() {
        ex("01-1").check(|| {
            let (seen, _) = poll_sequence(0, 10);
            assert_eq!(
                seen,
                vec![Poll::Ready("liftoff")],
                "Countdown::new(0) should be ready on its first poll, but polling gave {seen:?}"
            );
        });
    }

    /// Every Pending asks for another poll by waking the waker.
    #[test]
    fn every_pending_wakes_the_waker() {
        ex("01-1").check(|| {
            let (seen, wakes) = poll_sequence(5, 10);
            let pendings = seen.iter().filter(|p| p.is_pending()).count();
            assert_eq!(
                wakes, pendings,
                "Countdown::new(5) answered Pending {pendings} times but woke its waker {wakes} \
                 times; call cx.waker().wake_by_ref() once before each Pending, or a runtime \
                 never polls it again"
            );
        });
    }

    /// On a real runtime the countdown finishes, which it only does if it wakes.
    #[test]
    fn countdown_finishes_on_a_tokio_runtime() {
        let said = ex("01-1").check_async(|| async { Countdown::new(4).await });
        assert_eq!(said, "liftoff");
    }
}

mod ex2_poll_by_hand {
    use super::*;
    use lesson01::ex2_poll_by_hand::poll_to_completion;

    /// An `async` block with no `.await` is ready on the first poll.
    #[test]
    fn a_ready_future_takes_one_poll() {
        ex("01-2").check(|| {
            let got = poll_to_completion(async { 6 * 7 });
            assert_eq!(
                got,
                (42, 1),
                "poll_to_completion(async {{ 6 * 7 }}) gave {got:?}; expected (42, 1): one \
                 poll, which answered Ready, and that poll counts"
            );
        });
    }

    /// Five Pendings then Ready: six polls, and the future's own output.
    #[test]
    fn polls_until_ready_and_counts_the_polls() {
        ex("01-2").check(|| {
            let (future, _) = PendingTimes::new(5, String::from("done"));
            let got = poll_to_completion(future);
            assert_eq!(
                got,
                (String::from("done"), 6),
                "a future that is Pending 5 times gave {got:?}; expected its output after 6 \
                 polls (5 Pending and the Ready one: every call to poll counts)"
            );
        });
    }

    /// A future that answers `Pending` without waking anyone is polled again
    /// all the same: with a waker that does nothing, the loop polls straight
    /// away. A runtime, which waits for a wake before it polls again, would
    /// wait for ever, so this is what tells polling by hand from handing the
    /// future to one. (On a thread of its own, so that a wait ends.)
    #[test]
    fn polls_again_without_being_woken() {
        ex("01-2").check(|| {
            // A first call here, so that a todo!() shows up on the test's own thread.
            let _ = poll_to_completion(async {});
            let (done, finished) = std::sync::mpsc::channel();
            let worker = std::thread::spawn(move || {
                let mut left = 3;
                let silent = std::future::poll_fn(move |_cx: &mut Context<'_>| {
                    if left == 0 {
                        return Poll::Ready("done");
                    }
                    left -= 1;
                    Poll::Pending // and no wake
                });
                let _ = done.send(poll_to_completion(silent));
            });
            match finished.recv_timeout(std::time::Duration::from_secs(2)) {
                Ok(got) => assert_eq!(
                    got,
                    ("done", 4),
                    "a future that answers Pending 3 times, then Ready(\"done\")"
                ),
                // The thread panicked (a todo!(), say): that panic is the answer.
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    std::panic::resume_unwind(worker.join().expect_err("it sent nothing"))
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => panic!(
                    "a future that answers Pending 3 times without waking its waker was still \
                     not done after 2 s: poll_to_completion waited to be woken, as a runtime \
                     does, instead of polling again at once in a loop of its own (with \
                     `Waker::noop()` nobody will ever wake it)"
                ),
            }
        });
    }

    /// `async fn`s and `.await` inside work too: they are futures like any other.
    #[test]
    fn drives_an_async_block_that_awaits() {
        ex("01-2").check(|| {
            let (sum, polls) = poll_to_completion(async {
                let a = PendingTimes::new(2, 40).0.await;
                let b = PendingTimes::new(1, 2).0.await;
                a + b
            });
            assert_eq!(
                (sum, polls),
                (42, 4),
                "(output, polls) for two awaits, pending 2 and 1 times"
            );
        });
    }
}

mod ex3_signal {
    use super::*;
    use lesson01::ex3_signal::signal;
    use std::sync::Arc;
    use testkit::tokio;

    /// How many clones of a counting waker the future under test keeps: the
    /// test itself holds two (the counter and the waker it made).
    fn held(counter: &Arc<CountingWaker>) -> usize {
        Arc::strong_count(counter) - 2
    }

    /// Fired before anyone waits: ready on the first poll.
    #[test]
    fn fired_before_polling_is_ready_at_once() {
        ex("01-3").check(|| {
            let (signal, fired) = signal();
            signal.fire();
            let (_, waker) = CountingWaker::new();
            let got = pin!(fired).poll(&mut Context::from_waker(&waker));
            assert_eq!(
                got,
                Poll::Ready(()),
                "after fire(), polling Fired should give Ready(())"
            );
        });
    }

    /// Pending until fired; firing wakes the waiting task once; then Ready.
    #[test]
    fn pending_until_fired_and_firing_wakes_the_waiter() {
        ex("01-3").check(|| {
            let (signal, fired) = signal();
            let mut fired = pin!(fired);
            let (wakes, waker) = CountingWaker::new();
            let mut cx = Context::from_waker(&waker);
            let first = fired.as_mut().poll(&mut cx);
            assert_eq!(
                first,
                Poll::Pending,
                "before fire(), polling Fired should give Pending"
            );
            assert_eq!(
                wakes.wakes(),
                0,
                "Fired woke its waker before the signal fired: a future that wakes itself when \
                 it answers Pending is polled again at once, over and over (a busy loop). Store \
                 the waker for fire() to wake instead"
            );
            assert_eq!(
                held(&wakes),
                1,
                "Fired answered Pending but kept no clone of the waker: store \
                 `cx.waker().clone()` in the state, or fire() has nothing to wake"
            );
            signal.fire();
            assert_eq!(
                wakes.wakes(),
                1,
                "fire() should wake the waker that Fired stored when it returned Pending, once"
            );
            let second = fired.as_mut().poll(&mut cx);
            assert_eq!(
                second,
                Poll::Ready(()),
                "after fire(), polling Fired should give Ready(())"
            );
        });
    }

    /// Polled with one waker and then another: only the newest one is woken.
    #[test]
    fn fire_wakes_the_latest_waker() {
        ex("01-3").check(|| {
            let (signal, fired) = signal();
            let mut fired = pin!(fired);
            let (old_wakes, old) = CountingWaker::new();
            let (new_wakes, new) = CountingWaker::new();
            let _ = fired.as_mut().poll(&mut Context::from_waker(&old));
            let _ = fired.as_mut().poll(&mut Context::from_waker(&new));
            let kept = (held(&old_wakes), held(&new_wakes));
            assert!(
                kept != (0, 0),
                "Fired answered Pending twice and kept no waker at all: `poll` must store \
                 `cx.waker().clone()` in the state"
            );
            assert_eq!(
                kept,
                (0, 1),
                "(clones kept of the first waker, of the second): store the latest waker, \
                 replacing the older one"
            );
            signal.fire();
            assert_eq!(
                (old_wakes.wakes(), new_wakes.wakes()),
                (0, 1),
                "(wakes of the first waker, wakes of the second), with the latest waker \
                 stored: fire() must wake it"
            );
        });
    }

    /// On a runtime, a task waiting on Fired finishes when another task fires.
    #[test]
    fn another_task_firing_lets_the_waiter_finish() {
        ex("01-3").check_async(|| async {
            let (signal, fired) = signal();
            let firing = tokio::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                signal.fire();
            });
            fired.await;
            testkit::join(firing).await;
        });
    }
}

mod ex4_tasks {
    use super::*;
    use lesson01::ex4_tasks::{LATENCY, fetch_all};
    use testkit::tokio;
    use tokio::time::Instant;

    /// Pages come back in the order of the ids, whatever that order is.
    #[test]
    fn keeps_the_order_of_the_ids() {
        let got = ex("01-4").check_async(|| async { fetch_all(vec![3, 1, 2]).await });
        assert_eq!(
            got,
            ["page 3", "page 1", "page 2"],
            "fetch_all(vec![3, 1, 2])"
        );
    }

    /// No ids, no pages, and no panic.
    #[test]
    fn no_ids_give_no_pages() {
        let got = ex("01-4").check_async(|| async { fetch_all(Vec::new()).await });
        assert!(got.is_empty(), "fetch_all(vec![]) gave {got:?}");
    }

    /// 10,000 downloads all wait at once: one latency in all, not 10,000.
    #[test]
    fn ten_thousand_pages_take_one_latency() {
        ex("01-4").check_async(|| async {
            let ids: Vec<u32> = (0..10_000).collect();
            let start = Instant::now();
            let pages = fetch_all(ids.clone()).await;
            let took = start.elapsed();
            assert!(
                took < LATENCY * 2,
                "fetching 10,000 pages took {took:?} on the test's clock; all at once should take \
                 {LATENCY:?}. Spawn every task before awaiting any."
            );
            assert_eq!(
                pages.len(),
                ids.len(),
                "fetch_all returned the wrong number of pages"
            );
            for (id, page) in ids.iter().zip(&pages) {
                assert_eq!(page, &format!("page {id}"), "pages out of order or wrong");
            }
        });
    }

    /// The jobs really are tasks: while they wait, the runtime counts them.
    #[test]
    fn every_page_is_its_own_task() {
        ex("01-4").check_async(|| async {
            let n = 100;
            let all = tokio::spawn(fetch_all((0..n).collect()));
            tokio::time::sleep(LATENCY / 2).await;
            let alive = tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks();
            let pages = testkit::join(all).await;
            assert_eq!(
                pages.len(),
                n as usize,
                "fetch_all returned the wrong number of pages"
            );
            assert!(
                alive > n as usize,
                "halfway through fetching {n} pages only {alive} tasks were alive; \
                 start one task per page with tokio::spawn"
            );
        });
    }
}

mod ex5_off_thread {
    use super::*;
    use lesson01::ex5_off_thread::run_blocking;
    use std::sync::mpsc;
    use std::time::Duration;
    use testkit::tokio;

    /// The job's result comes back.
    #[test]
    fn gives_back_the_jobs_result() {
        let got = ex("01-5").check_async(|| async { run_blocking(|| 6 * 7).await });
        assert_eq!(got, 42, "run_blocking(|| 6 * 7) gave {got}");
    }

    /// The job does not run on the runtime's own thread.
    #[test]
    fn runs_the_job_on_another_thread() {
        ex("01-5").check_async(|| async {
            let runtime_thread = std::thread::current().id();
            let job_thread = run_blocking(|| std::thread::current().id()).await;
            assert_ne!(
                job_thread, runtime_thread,
                "the job ran on the runtime's own thread, so it stops every other task; \
                 hand it to tokio::task::spawn_blocking"
            );
        });
    }

    /// While the job blocks, another task on the same one-thread runtime
    /// still runs: here the job cannot even finish until that task has run.
    #[test]
    fn other_tasks_run_while_the_job_blocks() {
        ex("01-5").real_clock().check_async(|| async {
            let (tx, rx) = mpsc::channel();
            let other_task = tokio::spawn(async move {
                tx.send("hello from another task")
                    .expect("the job stopped listening");
            });
            let heard = run_blocking(move || rx.recv_timeout(Duration::from_secs(2))).await;
            assert_eq!(
                heard,
                Ok("hello from another task"),
                "the job waited 2 s for a message from another task, and that task never ran \
                 meanwhile: the runtime's only thread was blocked while the job ran (by the \
                 job itself, or by a wait for it that blocks, such as a thread's `join`). \
                 Await tokio::task::spawn_blocking's handle, which gives the thread back"
            );
            testkit::join(other_task).await;
        });
    }

    /// While the job runs, `run_blocking` waits to be woken: its future is
    /// polled when it starts and when the job is done, not over and over
    /// again in between. The job here waits until another task has taken
    /// 100 turns and then 20 ms.
    #[test]
    fn waits_for_the_job_without_asking_again_and_again() {
        ex("01-5").real_clock().check_async(|| async {
            let (tx, rx) = mpsc::channel();
            let releaser = tokio::spawn(async move {
                for _ in 0..100 {
                    tokio::task::yield_now().await;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
                let _ = tx.send(()); // the job may have given up: the assert below says so
            });
            let mut waiting = pin!(run_blocking(move || rx.recv_timeout(Duration::from_secs(2))));
            let mut polls = 0;
            let heard = std::future::poll_fn(|cx| {
                polls += 1;
                waiting.as_mut().poll(cx)
            })
            .await;
            testkit::join(releaser).await;
            assert_eq!(
                heard,
                Ok(()),
                "the job waited 2 s for another task, which did not run meanwhile: the \
                 runtime's only thread was blocked while the job ran"
            );
            assert!(
                polls <= 5,
                "run_blocking's future was polled {polls} times while the job ran: it asked \
                 again and again whether the job was done (a loop around yield_now or a short \
                 sleep) instead of waiting to be woken. Await the handle that \
                 tokio::task::spawn_blocking returns: it wakes the task once, when the job \
                 is done"
            );
        });
    }
}
