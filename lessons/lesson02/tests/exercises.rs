//! Lesson 02's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use testkit::futures::PendingTimes;
use testkit::wakers::CountingWaker;

const LESSON: &str = include_str!("../exercises.toml");

/// The grader for exercise `id`. Where the learner writes `poll` by hand, a
/// stuck test most likely means a waker nobody calls.
fn ex(id: &str) -> testkit::Exercise {
    let ex = testkit::exercise(LESSON, id);
    match id {
        "02-3" => ex.if_stuck(testkit::STUCK_WAKER),
        _ => ex,
    }
}

/// A waker that writes its label into a shared log when woken.
struct LoggingWaker {
    label: u32,
    log: Arc<Mutex<Vec<u32>>>,
}

impl Wake for LoggingWaker {
    fn wake(self: Arc<Self>) {
        self.log.lock().unwrap().push(self.label);
    }
}

fn logging_waker(label: u32, log: &Arc<Mutex<Vec<u32>>>) -> Waker {
    Waker::from(Arc::new(LoggingWaker {
        label,
        log: log.clone(),
    }))
}

mod ex1_wake {
    use super::*;
    use lesson02::ex1_wake::{RunQueue, TaskWaker};

    /// One wake puts the task's id on the queue, and is counted.
    #[test]
    fn a_wake_queues_the_task() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(7, queue.clone());
            Waker::from(task.clone()).wake_by_ref();
            assert_eq!(
                queue.ids(),
                [7],
                "after one wake of task 7 the run queue should hold [7]; push the task's id"
            );
            assert_eq!(task.wakes(), 1, "one wake should count as one in `wakes`");
        });
    }

    /// Woken five times before its next poll, a task is queued once.
    #[test]
    fn repeated_wakes_queue_the_task_once() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(3, queue.clone());
            let waker = Waker::from(task.clone());
            for _ in 0..5 {
                waker.wake_by_ref();
            }
            let ids = queue.ids();
            assert_eq!(
                ids,
                [3],
                "five wakes before a poll should leave task 3 on the queue once, so it is \
                 polled once; the queue holds {ids:?}: {}",
                if ids.is_empty() {
                    "no wake pushed the task's id"
                } else {
                    "each wake pushed it; check and set `queued` before pushing"
                }
            );
            assert_eq!(
                task.wakes(),
                5,
                "every wake counts in `wakes`, queued or not"
            );
        });
    }

    /// Once the executor takes the task off the queue to poll it, the next
    /// wake queues it again.
    #[test]
    fn after_polling_a_wake_queues_it_again() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(1, queue.clone());
            let waker = Waker::from(task.clone());
            waker.wake_by_ref();
            assert_eq!(queue.pop(), Some(1), "the first wake should queue task 1");
            task.polling();
            waker.wake_by_ref();
            assert_eq!(
                queue.ids(),
                [1],
                "after `polling()` cleared the flag, a new wake must queue the task again"
            );
        });
    }

    /// The flag, not the queue's contents, says whether the task is queued:
    /// once the executor has taken the task off the queue to poll it, and
    /// until it calls `polling()`, the task is still on its way to a poll,
    /// and a wake in between must not queue it a second time.
    #[test]
    fn the_flag_decides_not_the_queue() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(4, queue.clone());
            let waker = Waker::from(task.clone());
            waker.wake_by_ref();
            assert_eq!(queue.pop(), Some(4), "the first wake should queue task 4");
            // Off the queue, about to be polled: `polling()` not called yet.
            waker.wake_by_ref();
            assert_eq!(
                queue.ids(),
                Vec::<usize>::new(),
                "task 4 was taken off the queue to be polled and woken again before \
                 `polling()`; it is still marked queued, so the wake should push nothing, but \
                 the queue now holds it. Decide with the `queued` flag (its `swap`), not by \
                 looking in the queue"
            );
        });
    }

    /// Tasks are queued in the order they were woken; `wake` by value works too.
    #[test]
    fn tasks_queue_in_wake_order() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let mut wakers: Vec<Option<Waker>> = (0..4)
                .map(|id| Some(Waker::from(TaskWaker::new(id, queue.clone()))))
                .collect();
            for id in [2, 0, 3, 1] {
                wakers[id].take().expect("each waker once").wake();
            }
            assert_eq!(
                queue.ids(),
                [2, 0, 3, 1],
                "tasks woken in the order 2, 0, 3, 1 should be queued in that order"
            );
        });
    }

    /// Four threads waking at once still queue the task exactly once.
    #[test]
    fn wakes_from_many_threads_queue_once() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(9, queue.clone());
            // One wake here first, so a mistake shows up on the test's own thread.
            Waker::from(task.clone()).wake_by_ref();
            let threads: Vec<_> = (0..4)
                .map(|_| {
                    let waker = Waker::from(task.clone());
                    std::thread::spawn(move || {
                        for _ in 0..1000 {
                            waker.wake_by_ref();
                        }
                    })
                })
                .collect();
            for t in threads {
                if let Err(panic) = t.join() {
                    std::panic::resume_unwind(panic);
                }
            }
            assert_eq!(
                task.wakes(),
                4001,
                "1 + 4 threads x 1000 wakes should count 4001"
            );
            let ids = queue.ids();
            assert_eq!(
                ids,
                [9],
                "4001 wakes, from 5 threads, should queue task 9 once; the queue holds {} \
                 entries: {}",
                ids.len(),
                if ids.is_empty() {
                    "no wake pushed the task's id"
                } else {
                    "more than one wake pushed it; use the flag's atomic swap, not a load \
                     followed by a store"
                }
            );
        });
    }

    /// A tiny executor built on the waker runs a future that wakes itself
    /// three times: it is polled four times and finishes.
    #[test]
    fn a_small_executor_runs_a_future_to_the_end() {
        ex("02-1").check(|| {
            let queue = RunQueue::new();
            let task = TaskWaker::new(0, queue.clone());
            let waker = Waker::from(task.clone());
            let (future, polls) = PendingTimes::new(3, "done");
            let mut future = pin!(future);
            waker.wake_by_ref(); // a new task starts out ready
            let mut output = None;
            let mut rounds = 0;
            while let Some(0) = queue.pop() {
                rounds += 1;
                assert!(
                    rounds <= 10,
                    "the task was queued again and again; it should end"
                );
                task.polling();
                if let Poll::Ready(out) = future.as_mut().poll(&mut Context::from_waker(&waker)) {
                    output = Some(out);
                }
            }
            assert_eq!(
                output,
                Some("done"),
                "the run queue went empty before the future finished: a wake did not put \
                 the task back on the queue"
            );
            assert_eq!(polls.get(), 4);
        });
    }
}

mod ex2_timer {
    use super::*;
    use lesson02::ex2_timer::Timers;
    use std::time::Duration;

    const S: Duration = Duration::from_secs(1);

    /// Pending and not woken before the deadline; woken once when the clock
    /// reaches it; Ready after.
    #[test]
    fn a_sleep_is_woken_at_its_deadline() {
        ex("02-2").check(|| {
            let timers = Timers::new();
            let mut sleep = pin!(timers.sleep_until(5 * S));
            let (wakes, waker) = CountingWaker::new();
            let mut cx = Context::from_waker(&waker);
            assert_eq!(
                sleep.as_mut().poll(&mut cx),
                Poll::Pending,
                "a sleep until 5 s should be Pending at 0 s"
            );
            assert_eq!(
                timers.waiting(),
                1,
                "a sleep that answered Pending should have stored its waker in `waiting` (one \
                 timer); without it, `advance` has nothing to wake"
            );
            timers.advance(4 * S);
            assert_eq!(
                wakes.wakes(),
                0,
                "the sleep until 5 s was woken at 4 s: too early"
            );
            timers.advance(S);
            assert_eq!(
                wakes.wakes(),
                1,
                "at 5 s the sleep until 5 s should have been woken once; `advance` must wake \
                 what is due (deadline at or before now)"
            );
            assert_eq!(
                sleep.as_mut().poll(&mut cx),
                Poll::Ready(()),
                "once woken, the sleep should be Ready"
            );
            assert_eq!(
                timers.waiting(),
                0,
                "a finished sleep should leave no timer behind"
            );
        });
    }

    /// A deadline already passed: Ready at once, and no timer set.
    #[test]
    fn a_past_deadline_is_ready_at_once() {
        ex("02-2").check(|| {
            let timers = Timers::new();
            timers.advance(10 * S);
            let (_, waker) = CountingWaker::new();
            let got = pin!(timers.sleep_until(3 * S)).poll(&mut Context::from_waker(&waker));
            assert_eq!(
                got,
                Poll::Ready(()),
                "at 10 s a sleep until 3 s should be Ready at once"
            );
            assert_eq!(
                timers.waiting(),
                0,
                "a sleep that was Ready at once should not register a timer"
            );
        });
    }

    /// Polled twice before it is due: still one timer, holding the newest waker.
    #[test]
    fn polling_again_replaces_the_waker() {
        ex("02-2").check(|| {
            let timers = Timers::new();
            let mut sleep = pin!(timers.sleep_until(2 * S));
            let (old_wakes, old) = CountingWaker::new();
            let (new_wakes, new) = CountingWaker::new();
            let _ = sleep.as_mut().poll(&mut Context::from_waker(&old));
            let _ = sleep.as_mut().poll(&mut Context::from_waker(&new));
            let timers_held = timers.waiting();
            assert!(
                timers_held != 0,
                "no timer was registered: a pending sleep's `poll` must store its waker in \
                 `waiting`"
            );
            assert_eq!(
                timers_held, 1,
                "one sleep polled twice should hold one timer, not {timers_held}; reuse its key"
            );
            // Which waker the timer holds, seen before `advance` runs: the
            // test's own handle and waker are two; one more is the stored clone.
            let held = |counter: &Arc<CountingWaker>| Arc::strong_count(counter) - 2;
            assert_eq!(
                (held(&old_wakes), held(&new_wakes)),
                (0, 1),
                "(clones kept of the first waker, of the second): store the newest waker in \
                 place of the old one"
            );
            timers.advance(2 * S);
            assert_eq!(
                (old_wakes.wakes(), new_wakes.wakes()),
                (0, 1),
                "(wakes of the first waker, of the second) at the deadline, with the newest \
                 waker stored: `advance` must wake what is due"
            );
        });
    }

    /// A waker may run code that looks at the timers (an executor's may poll
    /// the task at once): by the time `advance` wakes anyone, it must have
    /// let go of them. This waker asks how many timers are waiting.
    #[test]
    fn advance_lets_go_of_the_timers_before_waking() {
        ex("02-2").check(|| {
            thread_local! {
                static TIMERS: std::cell::RefCell<Option<Timers>> = const { std::cell::RefCell::new(None) };
                static SEEN: std::cell::RefCell<Vec<Option<usize>>> = const { std::cell::RefCell::new(Vec::new()) };
            }
            struct Looking;
            impl Wake for Looking {
                fn wake(self: Arc<Self>) {
                    let timers = TIMERS.with(|t| t.borrow().clone());
                    let seen = timers.and_then(|t| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.waiting())).ok()
                    });
                    SEEN.with(|s| s.borrow_mut().push(seen));
                }
            }
            let timers = Timers::new();
            TIMERS.with(|t| *t.borrow_mut() = Some(timers.clone()));
            let waker = Waker::from(Arc::new(Looking));
            let mut first = pin!(timers.sleep_until(S));
            let mut second = pin!(timers.sleep_until(2 * S));
            let _ = first.as_mut().poll(&mut Context::from_waker(&waker));
            let _ = second.as_mut().poll(&mut Context::from_waker(&waker));
            timers.advance(S);
            let seen = SEEN.with(|s| s.borrow().clone());
            assert!(
                !seen.is_empty(),
                "advance to 1 s woke nobody, but a sleep until 1 s was waiting"
            );
            assert!(
                !seen.contains(&None),
                "advance woke the sleep until 1 s while it still held the timers' \
                 `borrow_mut()`: its waker, looking at the timers, found them borrowed (in a \
                 real executor, a panic). Take the due entries out, let the borrow end, then \
                 wake them"
            );
            assert_eq!(
                seen,
                [Some(1)],
                "the sleep until 1 s should be woken once, with one timer (the 2 s one) left \
                 waiting; (timers waiting, as each wake saw them)"
            );
        });
    }

    /// Several sleeps are woken earliest first, only when due, and leave the
    /// waiting list as they go.
    #[test]
    fn sleeps_wake_in_deadline_order() {
        ex("02-2").check(|| {
            let timers = Timers::new();
            let log = Arc::new(Mutex::new(Vec::new()));
            let mut sleeps: Vec<_> = [3u32, 1, 4, 2]
                .into_iter()
                .map(|s| (s, Box::pin(timers.sleep_until(s * S))))
                .collect();
            for (s, sleep) in &mut sleeps {
                let _ = sleep
                    .as_mut()
                    .poll(&mut Context::from_waker(&logging_waker(*s, &log)));
            }
            assert_eq!(
                timers.waiting(),
                4,
                "four pending sleeps should be four timers: `poll` stores each one's waker \
                 in `waiting` under its own key"
            );
            timers.advance(2 * S);
            assert_eq!(
                *log.lock().unwrap(),
                [1, 2],
                "at 2 s the sleeps until 1 s and 2 s are due, earliest first"
            );
            assert_eq!(
                timers.waiting(),
                2,
                "the two woken timers should leave `waiting`"
            );
            timers.advance(10 * S);
            assert_eq!(
                *log.lock().unwrap(),
                [1, 2, 3, 4],
                "then 3 s and 4 s, in order"
            );
            assert_eq!(
                timers.now(),
                12 * S,
                "advance should move the clock by `by`"
            );
        });
    }
}

mod ex3_join_all {
    use super::*;
    use lesson02::ex3_join_all::join_all;
    use std::time::Duration;
    use testkit::tokio;
    use tokio::time::Instant;

    /// Nothing to wait for: ready at once with no outputs.
    #[test]
    fn no_futures_are_ready_at_once() {
        ex("02-3").check(|| {
            let (_, waker) = CountingWaker::new();
            let mut all = pin!(join_all(Vec::<std::future::Ready<u8>>::new()));
            let got = all.as_mut().poll(&mut Context::from_waker(&waker));
            assert_eq!(
                got,
                Poll::Ready(vec![]),
                "join_all of nothing should be Ready(vec![])"
            );
        });
    }

    /// Outputs come in the order the futures were given, not the order they
    /// finished in.
    #[test]
    fn outputs_keep_the_order_given() {
        let got = ex("02-3").check_async(|| async {
            join_all([3u64, 1, 2].map(|s| async move {
                tokio::time::sleep(Duration::from_secs(s)).await;
                format!("slept {s}")
            }))
            .await
        });
        assert_eq!(
            got,
            ["slept 3", "slept 1", "slept 2"],
            "join_all should give the outputs in the order of its futures"
        );
    }

    /// A hundred one-second sleeps take one second together, not a hundred.
    #[test]
    fn futures_wait_at_the_same_time() {
        ex("02-3").check_async(|| async {
            let start = Instant::now();
            let outputs = join_all((0..100).map(|i| async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                i
            }))
            .await;
            let took = start.elapsed();
            assert_eq!(outputs, (0..100).collect::<Vec<_>>(), "wrong outputs");
            assert!(
                took < Duration::from_secs(2),
                "100 one-second sleeps took {took:?} on the test's clock; they should overlap \
                 and take 1 s. Poll every running future on every poll, not just the first."
            );
        });
    }

    /// Every poll polls every running future once; a finished one is never
    /// polled again, and Pending lasts until the last one is done.
    #[test]
    fn polls_each_running_future_and_never_a_finished_one() {
        ex("02-3").check(|| {
            let (a, a_polls) = PendingTimes::new(0, 'a');
            let (b, b_polls) = PendingTimes::new(2, 'b');
            let (c, c_polls) = PendingTimes::new(1, 'c');
            let mut all = pin!(join_all([a, b, c]));
            let (_, waker) = CountingWaker::new();
            let mut cx = Context::from_waker(&waker);
            assert_eq!(
                all.as_mut().poll(&mut cx),
                Poll::Pending,
                "b and c are not done yet"
            );
            let first = [&a_polls, &b_polls, &c_polls].map(|p| p.get());
            assert_eq!(
                first,
                [1, 1, 1],
                "after one poll of join_all, each future should have been polled once \
                 (polls of a, b, c)"
            );
            assert_eq!(
                all.as_mut().poll(&mut cx),
                Poll::Pending,
                "b is not done yet"
            );
            assert_eq!(all.as_mut().poll(&mut cx), Poll::Ready(vec!['a', 'b', 'c']));
            let polls = [&a_polls, &b_polls, &c_polls].map(|p| p.get());
            assert_eq!(
                polls,
                [1, 3, 2],
                "polls of a, b, c: a finished at once and must not be polled again"
            );
        });
    }
}

mod ex4_line {
    use lesson02::ex4_line::{LineError, read_line_bounded};
    use testkit::tokio;
    use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
    use tokio::net::{TcpListener, TcpStream};

    use super::*;

    /// Reads every line of `input` with limit `max`, until None or an error.
    async fn all_lines(input: &[u8], max: usize) -> Vec<Result<Option<Vec<u8>>, LineError>> {
        // A small buffer, so lines arrive in several pieces.
        let mut reader = BufReader::with_capacity(4, input);
        let mut out = Vec::new();
        loop {
            let got = read_line_bounded(&mut reader, max).await;
            let end = !matches!(got, Ok(Some(_)));
            out.push(got);
            if end || out.len() > 20 {
                return out;
            }
        }
    }

    fn line(s: &[u8]) -> Result<Option<Vec<u8>>, LineError> {
        Ok(Some(s.to_vec()))
    }

    /// Lines end at `\n`, lose a `\r` before it, and keep every other byte.
    #[test]
    fn splits_lines_and_strips_crlf() {
        let got = ex("02-4").check_async(|| async {
            all_lines(b"HTTP/1.0 200 OK\r\nX-A: caf\xe9\r\nplain\n\r\n", 64).await
        });
        assert_eq!(
            got,
            [
                line(b"HTTP/1.0 200 OK"),
                line(b"X-A: caf\xe9"),
                line(b"plain"),
                line(b""),
                Ok(None)
            ],
            "lines of \"HTTP/1.0 200 OK\\r\\nX-A: caf\\xe9\\r\\nplain\\n\\r\\n\", then None at the \
             end (bytes kept as they are, `\\r\\n` and `\\n` removed)"
        );
    }

    /// A line of exactly `max` bytes passes; one byte more is too long.
    #[test]
    fn the_limit_is_exact() {
        let (fits, too_long) = ex("02-4").check_async(|| async {
            (
                all_lines(b"12345678\nnext\n", 8).await,
                all_lines(b"123456789\nnext\n", 8).await,
            )
        });
        assert_eq!(
            fits[0],
            line(b"12345678"),
            "a line of 8 bytes with max 8 should pass"
        );
        assert_eq!(fits[1], line(b"next"), "the line after it should come next");
        assert_eq!(
            too_long[0],
            Err(LineError::TooLong { limit: 8 }),
            "a line of 9 bytes with max 8 should be TooLong"
        );
    }

    /// Closed in the middle of a line: Unterminated, not a line.
    #[test]
    fn a_line_cut_off_is_unterminated() {
        let got = ex("02-4").check_async(|| async { all_lines(b"whole\nhalf a li", 64).await });
        assert_eq!(
            got,
            [line(b"whole"), Err(LineError::Unterminated)],
            "\"whole\\nhalf a li\" then the end: one line, then Unterminated"
        );
    }

    /// A line that does not end stops at the limit, long before the input
    /// does: the reader must not gather it all first.
    #[test]
    fn an_endless_line_stops_at_the_limit() {
        let got = ex("02-4").check_async(|| async {
            // Ten times the limit, then the end (bounded, so a reader with
            // no limit does not eat the machine's memory).
            let mut endless = BufReader::new(tokio::io::repeat(b'a').take(10 * 1024));
            read_line_bounded(&mut endless, 1024).await
        });
        assert_eq!(
            got,
            Err(LineError::TooLong { limit: 1024 }),
            "10 KiB of 'a' with no newline, limit 1 KiB, should be TooLong; a reader that \
             waits for the newline (or the end) first has no limit at all"
        );
    }

    /// An `AsyncRead` that counts the bytes taken from it.
    struct Counted<R> {
        inner: R,
        taken: Arc<std::sync::atomic::AtomicUsize>,
    }

    impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Counted<R> {
        fn poll_read(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            let before = buf.filled().len();
            let got = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
            let read = buf.filled().len() - before;
            self.taken
                .fetch_add(read, std::sync::atomic::Ordering::SeqCst);
            got
        }
    }

    /// The limit bounds what the reader takes in, not only what it answers:
    /// by the time a line that never ends is TooLong, the reader has taken
    /// at most the limit and one buffer more from the connection.
    #[test]
    fn an_endless_line_is_refused_before_it_is_all_read() {
        ex("02-4").check_async(|| async {
            let taken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let source = Counted {
                inner: tokio::io::repeat(b'a').take(64 * 1024),
                taken: taken.clone(),
            };
            let mut reader = BufReader::with_capacity(64, source);
            let got = read_line_bounded(&mut reader, 1024).await;
            let taken = taken.load(std::sync::atomic::Ordering::SeqCst);
            assert!(
                taken <= 1024 + 64,
                "for a line of 64 KiB with no newline and a limit of 1 KiB, your reader took \
             {taken} bytes from the connection before it answered {got:?}: it gathered the \
             line and checked its length only after. The limit must stop the reading: \
             answer TooLong as soon as the line holds more than `max` bytes"
            );
            assert_eq!(
                got,
                Err(LineError::TooLong { limit: 1024 }),
                "64 KiB of 'a' with no newline, limit 1 KiB"
            );
        });
    }

    /// Over a real socket: a server that sends one endless line, and one
    /// that hangs up half-way through a line.
    #[test]
    fn misbehaving_servers_on_real_sockets() {
        let (endless, cut) = ex("02-4").real_clock().check_async(|| async {
            let endless = serve(|mut s| async move {
                // 1 MiB with no newline, far past the limit, then silence
                // until the client hangs up: a line that never ends, but a
                // reader with no limit holds 1 MiB, not all the machine has.
                let chunk = [b'x'; 1024];
                for _ in 0..1024 {
                    if s.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
                let mut sink = Vec::new();
                let _ = s.read_to_end(&mut sink).await;
            })
            .await;
            let cut = serve(|mut s| async move {
                let _ = s.write_all(b"HTTP/1.0 200 OK\r\nX-Cut: hal").await;
            })
            .await;
            let mut r = BufReader::new(TcpStream::connect(endless).await.unwrap());
            let patience = std::time::Duration::from_secs(5);
            let endless = tokio::time::timeout(patience, read_line_bounded(&mut r, 8 * 1024))
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "a server sent 1 MiB with no newline, then waited; {patience:?} later \
                         your reader, with a limit of 8 KiB, had still not answered: it waits \
                         for the line to end, so the limit never stops it. Answer TooLong as \
                         soon as the line holds more than `max` bytes"
                    )
                });
            drop(r);
            let mut r = BufReader::new(TcpStream::connect(cut).await.unwrap());
            let first = read_line_bounded(&mut r, 8 * 1024).await;
            let second = read_line_bounded(&mut r, 8 * 1024).await;
            (endless, (first, second))
        });
        assert_eq!(
            endless,
            Err(LineError::TooLong { limit: 8192 }),
            "a server sending an endless line should give TooLong"
        );
        assert_eq!(
            cut,
            (line(b"HTTP/1.0 200 OK"), Err(LineError::Unterminated)),
            "a server that hangs up mid-line: the status line, then Unterminated"
        );
    }

    /// A server that accepts and then says nothing: the reader has no clock
    /// of its own, so it waits, but it must wait by giving the thread back,
    /// so that a timeout around it can end the wait. (On the test's paused
    /// clock the timeout fires as soon as nothing else can run.)
    #[test]
    fn a_silent_server_leaves_the_thread_free_for_a_timeout() {
        let got = ex("02-4").check_async(|| async {
            let silent = serve(|mut s| async move {
                let mut sink = Vec::new();
                let _ = s.read_to_end(&mut sink).await; // until the client goes
            })
            .await;
            let mut r = BufReader::new(TcpStream::connect(silent).await.unwrap());
            let limit = std::time::Duration::from_secs(30);
            tokio::time::timeout(limit, read_line_bounded(&mut r, 1024))
                .await
                .is_err()
        });
        assert!(
            got,
            "a server that never sends should leave the reader waiting until the timeout; \
             it returned instead"
        );
    }

    /// A server on 127.0.0.1 (a free port) that runs `answer` on its first
    /// connection.
    async fn serve<F, Fut>(answer: F) -> std::net::SocketAddr
    where
        F: FnOnce(TcpStream) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            if let Ok((socket, _)) = listener.accept().await {
                answer(socket).await;
            }
        });
        addr
    }
}

mod ex5_threads {
    use super::*;
    use lesson02::ex5_threads::threads_used;

    /// On the current-thread runtime every task runs on the one thread.
    #[test]
    fn one_thread_on_the_current_thread_runtime() {
        ex("02-5").check_async(|| async {
            let here = std::thread::current().id();
            let counts = threads_used(100).await;
            assert_eq!(
                counts.values().sum::<usize>(),
                100,
                "threads_used(100) counted {counts:?}: 100 tasks in all"
            );
            assert_eq!(
                counts.keys().collect::<Vec<_>>(),
                [&here],
                "on a current-thread runtime all tasks run on the runtime's one thread"
            );
        });
    }

    /// On the multi-thread runtime the tasks run on the workers, never on
    /// the thread that called `block_on`.
    #[test]
    fn workers_on_the_multi_thread_runtime() {
        ex("02-5").multi_thread(2).check_async(|| async {
            let here = std::thread::current().id();
            let counts = threads_used(200).await;
            assert_eq!(
                counts.values().sum::<usize>(),
                200,
                "threads_used(200) counted {counts:?}: 200 tasks in all"
            );
            assert!(
                !counts.contains_key(&here),
                "tasks were counted on the thread that called block_on, which runs no spawned \
                 task on a multi-thread runtime: look the thread up inside each task"
            );
            assert!(
                counts.len() <= 2 && counts.values().all(|&n| n > 0),
                "2 workers, so at most 2 threads, each with at least one task; got {counts:?}"
            );
        });
    }

    /// All `n` tasks are spawned before any is awaited. Both workers are
    /// held busy first, so no task can start: while `threads_used(200)`
    /// awaits, all 200 are waiting in the runtime's queue for tasks spawned
    /// from outside its workers (`global_queue_depth`), not one.
    #[test]
    fn all_tasks_are_spawned_before_any_is_awaited() {
        ex("02-5").multi_thread(2).check_async(|| async {
            use std::sync::mpsc;
            use std::time::Duration;
            let (started_tx, started) = mpsc::channel();
            let mut hold = Vec::new();
            for _ in 0..2 {
                let (release, released) = mpsc::channel::<()>();
                hold.push(release);
                let started_tx = started_tx.clone();
                testkit::tokio::spawn(async move {
                    let _ = started_tx.send(());
                    // Blocks this worker until the test lets go.
                    let _ = released.recv_timeout(Duration::from_secs(5));
                });
            }
            for _ in 0..2 {
                started
                    .recv_timeout(Duration::from_secs(5))
                    .expect("the test could not occupy both workers");
            }
            let metrics = testkit::tokio::runtime::Handle::current().metrics();
            let (counts, waiting) = testkit::tokio::join!(threads_used(200), async {
                let waiting = metrics.global_queue_depth();
                drop(hold); // the workers go back to work
                waiting
            });
            assert_eq!(
                counts.values().sum::<usize>(),
                200,
                "threads_used(200) counted {counts:?}: 200 tasks in all"
            );
            assert_eq!(
                waiting, 200,
                "when threads_used(200) first waited, {waiting} of its tasks had been spawned \
                 (both workers were held busy, so none could run yet): spawn all 200 tasks \
                 before awaiting any"
            );
        });
    }

    /// No tasks, no threads.
    #[test]
    fn no_tasks_no_threads() {
        let counts = ex("02-5").check_async(|| async { threads_used(0).await });
        assert!(counts.is_empty(), "threads_used(0) gave {counts:?}");
    }
}
