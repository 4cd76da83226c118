//! Lesson 06's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.
//!
//! The tests run on tokio's paused clock, so timers cost no real time and a
//! task that waits for ever is caught at once. They watch the channels while
//! work is pending: how far a producer gets while nobody receives, when each
//! report arrives, whether an actor still answers after an asker has gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::time::Duration;

use testkit::tokio;

const LESSON: &str = include_str!("../exercises.toml");

fn ex(id: &str) -> testkit::Exercise {
    testkit::exercise(LESSON, id)
}

mod ex1_bounded_producer {
    use super::*;
    use lesson06::ex1_bounded_producer::start_producer;

    /// Every item arrives, in order, and then the queue ends.
    #[test]
    fn sends_every_item_in_order_then_ends() {
        ex("06-1").check_async(|| async {
            let mut rx = start_producer(10, 3, |n| n * 2);
            let mut got = Vec::new();
            while let Some(item) = rx.recv().await {
                got.push(item);
            }
            let want: Vec<u32> = (0..10).map(|n| n * 2).collect();
            assert_eq!(
                got, want,
                "the items received, in order, from start_producer(10, 3, |n| n * 2)"
            );
        });
    }

    /// While nobody receives, the producer stops after filling the queue:
    /// `capacity` items queued and one more made, waiting to be sent. Each
    /// item received lets it make exactly one more.
    #[test]
    fn the_producer_waits_while_the_queue_is_full() {
        ex("06-1").check_async(|| async {
            for capacity in [1usize, 4] {
                let made = Arc::new(AtomicU32::new(0));
                let counter = Arc::clone(&made);
                let mut rx = start_producer(100, capacity, move |n| {
                    counter.fetch_add(1, Ordering::SeqCst);
                    n
                });
                // Plenty of time for a producer that does not wait.
                tokio::time::sleep(Duration::from_secs(1)).await;
                let ahead = made.load(Ordering::SeqCst);
                let most = capacity as u32 + 1;
                assert!(
                    ahead > 0,
                    "a second passed and make was never called: the producer must run in its own \
                     task (tokio::spawn), started before start_producer returns"
                );
                let queued = rx.len();
                let why = if queued > capacity {
                    format!(
                        "the queue you returned holds {queued} items, more than its capacity of \
                         {capacity}: it is bigger than asked. Make it mpsc::channel(capacity)"
                    )
                } else {
                    format!(
                        "the queue you returned holds {queued}, so the other {} were made and \
                         kept somewhere else before they could be sent: made up front (into a \
                         Vec, say), or passed through a second, unbounded channel. Call make(n) \
                         in the producer's task just before send(..).await of that item",
                        ahead as usize - queued
                    )
                };
                assert!(
                    ahead <= most,
                    "with a queue of {capacity} and nobody receiving, make was called {ahead} \
                     times in a second; it should have stopped at {most} ({capacity} queued, 1 \
                     waiting in send): {why}"
                );
                // Let a producer that polls see the queue still full at this
                // instant (no time passes in a yield), then free one place.
                for _ in 0..10 {
                    tokio::task::yield_now().await;
                }
                let freed = tokio::time::Instant::now();
                assert_eq!(rx.recv().await, Some(0), "the first item received");
                // A producer waiting in send(..).await is woken the moment a
                // place frees; one that polls makes its next item only later.
                for _ in 0..100 {
                    if made.load(Ordering::SeqCst) > ahead || ahead < most {
                        break;
                    }
                    tokio::task::yield_now().await;
                }
                let woken = made.load(Ordering::SeqCst) > ahead || ahead < most;
                assert!(
                    woken && freed.elapsed() == Duration::ZERO,
                    "receiving one item freed a place in the queue, but the producer did not make \
                     its next item at once: it polls (try_send, then a sleep, then again) instead \
                     of waiting in send(..).await, which is woken the moment a place frees"
                );
                tokio::time::sleep(Duration::from_secs(1)).await;
                let after = made.load(Ordering::SeqCst);
                assert!(
                    after <= most + 1,
                    "receiving one item let the producer make {} more; it should make one: the \
                     queue is not bounded by capacity {capacity}",
                    after - ahead
                );
                let mut rest = 1;
                while rx.recv().await.is_some() {
                    rest += 1;
                }
                assert_eq!(rest, 100, "items received in all from a producer of 100");
            }
        });
    }
}

mod ex2_fan_in {
    use super::*;
    use lesson06::ex2_fan_in::{Worker, gather};
    use tokio::time::Instant;

    const STRAY: &str = "gather is still waiting for a report after every worker has finished: \
        the queue never closed, because a Sender is still alive. Most likely the one you cloned \
        the workers' senders from, still held in gather: drop(tx) once every worker has its \
        clone, so that recv() gives None when the last worker is done.";

    fn worker(name: &str, delays: &[u64]) -> Worker {
        Worker::new(
            name,
            delays.iter().map(|&ms| Duration::from_millis(ms)).collect(),
        )
    }

    /// Three workers at once: the reports interleave by time, and gather
    /// returns as soon as the last worker is done.
    #[test]
    fn gathers_every_report_as_it_comes_and_ends() {
        ex("06-2").if_stuck(STRAY).check_async(|| async {
            let start = Instant::now();
            let workers = vec![
                worker("a", &[10, 10, 10]),
                worker("b", &[15, 10]),
                worker("c", &[5, 30]),
            ];
            let got = gather(workers).await;
            let took = start.elapsed();
            let want = ["c 1", "a 1", "b 1", "a 2", "b 2", "a 3", "c 2"];
            let mut sorted = got.clone();
            sorted.sort();
            let mut all = want.to_vec();
            all.sort();
            assert_eq!(
                sorted, all,
                "the reports gathered (sorted), from workers a, b and c"
            );
            assert_eq!(
                got, want,
                "the reports in the order they arrived: c 1 at 5 ms, a 1 at 10 ms, … c 2 at 35 \
                 ms. Another order means the workers did not run at once: spawn each one in its \
                 own task"
            );
            let why = if took >= Duration::from_millis(90) {
                "that is the sum of every delay: the workers ran one after another, not at once"
            } else {
                "every report had come by 35 ms, so gather went on waiting after the last worker \
                 had finished (a timeout on recv, or a sleep, guessing the end?): the queue closes \
                 when the last sender is dropped, and recv() then gives None at once"
            };
            assert_eq!(
                took,
                Duration::from_millis(35),
                "gather should return when the last report arrives, at 35 ms on tokio's clock; it \
                 took {took:?}: {why}"
            );
        });
    }

    /// No worker: nothing to gather, and gather still ends.
    #[test]
    fn no_workers_ends_at_once() {
        ex("06-2").if_stuck(STRAY).check_async(|| async {
            let got = gather(Vec::new()).await;
            assert!(got.is_empty(), "no workers gave reports {got:?}");
        });
    }
}

mod ex3_actor {
    use super::*;
    use lesson06::ex3_actor::{Bank, Request};
    use std::collections::HashMap;
    use tokio::sync::oneshot;
    use tokio::time::Instant;

    /// Waits for the actor's task; a panic in it is named, not re-raised.
    async fn balances(
        actor: tokio::task::JoinHandle<HashMap<String, u64>>,
    ) -> HashMap<String, u64> {
        match actor.await {
            Ok(balances) => balances,
            Err(e) if e.is_panic() => panic!(
                "the actor panicked once every Bank handle had been dropped: recv() gives None \
                 then, which is the end of the requests, not an error. Loop with \
                 while let Some(request) = requests.recv().await and return the balances after it"
            ),
            Err(e) => panic!("the actor's task did not finish: {e}"),
        }
    }

    /// An answer did not come: fails with `why`, unless the actor's task
    /// panicked at a `todo!()`, which reads as "not done yet".
    async fn no_answer(actor: tokio::task::JoinHandle<HashMap<String, u64>>, why: &str) -> ! {
        tokio::task::yield_now().await;
        if actor.is_finished()
            && let Err(e) = actor.await
            && e.is_panic()
        {
            let payload = e.into_panic();
            let text = payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or_default();
            if text.starts_with("not yet implemented") {
                std::panic::resume_unwind(payload);
            }
            panic!("{why} (the actor's task panicked: {text})");
        }
        panic!("{why}");
    }

    /// Ten tasks deposit at once through their clones of the handle; every
    /// answer is a running balance, and the final balances add up.
    #[test]
    fn answers_every_deposit_and_returns_the_balances() {
        ex("06-3").check_async(|| async {
            let (bank, actor) = Bank::start();
            let mut tasks = Vec::new();
            for task in 0..10u64 {
                let bank = bank.clone();
                tasks.push(tokio::spawn(async move {
                    let mut answers = Vec::new();
                    for account in ["alice", "bob"] {
                        answers.push(bank.deposit(account, task + 1).await);
                        tokio::task::yield_now().await;
                    }
                    answers
                }));
            }
            for task in tasks {
                let answers = testkit::join(task).await;
                if answers.iter().any(|a| a.is_none()) {
                    let why = format!(
                        "a deposit got no answer ({answers:?}): the actor must send the new \
                         balance through the request's reply sender, and keep serving"
                    );
                    no_answer(actor, &why).await;
                }
            }
            let asked = Instant::now();
            assert_eq!(
                bank.balance("alice").await,
                Some(55),
                "alice's balance after deposits of 1 to 10"
            );
            assert_eq!(
                asked.elapsed(),
                Duration::ZERO,
                "the answer to a balance query came only after time had passed on tokio's \
                 clock: the actor polls (try_recv, then a sleep, then again) instead of \
                 waiting in recv().await, which is woken the moment a request comes"
            );
            assert_eq!(
                bank.balance("nobody").await,
                Some(0),
                "the balance of an account never seen should be 0"
            );
            assert_eq!(
                bank.deposit("bob", 45).await,
                Some(100),
                "the answer to a deposit is the new balance"
            );
            drop(bank);
            let balances = balances(actor).await;
            assert!(
                !balances.contains_key("nobody"),
                "the balances the actor returned hold \"nobody\", an account that was only \
                 asked about, never paid into: a balance query must not create the account \
                 (entry(..).or_default() does; read it with get(..) and answer 0 when it is \
                 missing). The actor returned {balances:?}"
            );
            let want = HashMap::from([("alice".to_string(), 55), ("bob".to_string(), 100)]);
            assert_eq!(balances, want, "the balances the actor returned at the end");
        });
    }

    /// An asker that gave up before its answer: the deposit counts, and the
    /// actor goes on answering the others.
    #[test]
    fn an_asker_that_has_gone_does_not_stop_the_actor() {
        ex("06-3").check_async(|| async {
            let (bank, actor) = Bank::start();
            let (reply, answer) = oneshot::channel();
            drop(answer); // the asker was cancelled before the answer came
            let request = Request::Deposit {
                account: "carol".into(),
                amount: 5,
                reply,
            };
            bank.requests
                .send(request)
                .await
                .expect("the actor is gone before any request");
            let balance = bank.balance("carol").await;
            if balance.is_none() {
                let why = "after a deposit whose asker had gone, the actor no longer answered: \
                    reply.send(..) gives Err when the asker has gone, which is no reason to stop. \
                    Ignore it (let _ = reply.send(..)), don't unwrap it";
                no_answer(actor, why).await;
            }
            assert_eq!(
                balance,
                Some(5),
                "carol's balance after a deposit of 5 whose asker had gone: the deposit still counts"
            );
            drop(bank);
            balances(actor).await;
        });
    }
}

mod ex4_lagged {
    use super::*;
    use lesson06::ex4_lagged::{Followed, follow};
    use tokio::sync::broadcast;

    const STOPPED: &str = "stopping at the first Err: Lagged(n) is not the end, only Closed is";

    /// Ten messages into a channel that keeps four, before the subscriber
    /// reads: it missed six, and sees the last four.
    #[test]
    fn counts_what_it_missed_and_reads_on() {
        ex("06-4").check_async(|| async {
            let (tx, rx) = broadcast::channel(4);
            for n in 1..=10 {
                tx.send(n).expect("no subscriber");
            }
            drop(tx);
            let got = follow(rx).await;
            let want = Followed {
                seen: vec![7, 8, 9, 10],
                missed: 6,
            };
            assert!(
                !got.seen.is_empty(),
                "follow saw nothing of 10 messages in a channel that keeps 4 (it gave {got:?}): \
                 {STOPPED}"
            );
            assert_eq!(
                got, want,
                "what follow saw and missed of 10 messages in a channel that keeps 4: the last 4, \
                 and 6 missed (Lagged(6))"
            );
        });
    }

    /// Lagging twice, with a catch-up between: both losses are counted, and
    /// it follows to the end.
    #[test]
    fn lags_twice_and_follows_to_the_end() {
        ex("06-4").check_async(|| async {
            let (tx, rx) = broadcast::channel(4);
            let follower = tokio::spawn(follow(rx));
            for n in 1..=10 {
                tx.send(n).expect("no subscriber");
            }
            // Let the follower catch up (no time passes), then fall behind again.
            let start = tokio::time::Instant::now();
            for _ in 0..10 {
                tokio::task::yield_now().await;
            }
            for n in 11..=20 {
                // After a subscriber that stopped, nobody may be listening.
                let _ = tx.send(n);
            }
            drop(tx);
            let got = testkit::join(follower).await;
            let want = Followed {
                seen: vec![7, 8, 9, 10, 17, 18, 19, 20],
                missed: 12,
            };
            assert_eq!(
                start.elapsed(),
                Duration::ZERO,
                "follow ended {:?} (on tokio's clock) after the channel closed, instead of at \
                 once: it polls (try_recv, then a sleep, then again) instead of waiting in \
                 recv().await, which is woken the moment a message comes or the channel closes \
                 (it gave {got:?})",
                start.elapsed()
            );
            assert_eq!(
                got, want,
                "two bursts of 10 into a channel that keeps 4, with a catch-up between: the last 4 \
                 of each seen, 6 + 6 missed. Fewer seen means {STOPPED}; a wrong count means \
                 each Lagged(n) was not added up"
            );
        });
    }
}

mod ex5_hand_stream {
    use super::*;
    use futures::StreamExt;
    use lesson06::ex5_hand_stream::Ticks;
    use tokio::time::Instant;

    /// Three ticks, 10 ms apart on tokio's clock, then the end.
    #[test]
    fn ticks_come_every_period_then_end() {
        ex("06-5")
            .if_stuck(testkit::STUCK_WAKER)
            .check_async(|| async {
                let start = Instant::now();
                let mut ticks = Ticks::new(3, Duration::from_millis(10));
                let mut got = Vec::new();
                while let Some(n) = ticks.next().await {
                    got.push((n, start.elapsed().as_millis()));
                }
                assert_eq!(
                    got.iter().map(|&(n, _)| n).collect::<Vec<_>>(),
                    [1, 2, 3],
                    "the numbers Ticks::new(3, 10 ms) gave"
                );
                let times: Vec<u128> = got.iter().map(|&(_, ms)| ms).collect();
                assert_eq!(
                    times,
                    [10, 20, 30],
                    "the ms on tokio's clock at which each tick came. All at the first tick's time \
                 means the timer was not moved on after it fired (reset it to its deadline plus \
                 every); 0 means the timer was not waited for on tokio's clock (a \
                 std::thread::sleep blocks the thread, and tokio's clock does not move: poll the \
                 timer instead)"
                );
                assert_eq!(
                    ticks.next().await,
                    None,
                    "a Ticks that has ended should stay ended"
                );
            });
    }

    /// A reader that comes late does not push the ticks back: the k-th
    /// tick is due `k * every` after `Ticks::new` however late the one
    /// before it was read, so a reader 25 ms late gets ticks 1 and 2 at
    /// once and tick 3 at 30 ms. On the paused clock a timer fires exactly
    /// at its deadline, so only a late reader tells "reset from the old
    /// deadline" from "reset from now".
    #[test]
    fn a_late_reader_does_not_make_the_ticks_drift() {
        ex("06-5")
            .if_stuck(testkit::STUCK_WAKER)
            .check_async(|| async {
                let start = Instant::now();
                let mut ticks = Ticks::new(5, Duration::from_millis(10));
                tokio::time::sleep(Duration::from_millis(25)).await; // 2.5 periods late
                let mut times = Vec::new();
                for k in 1..=5 {
                    let got = ticks.next().await;
                    assert_eq!(got, Some(k), "tick {k} of Ticks::new(5, 10 ms)");
                    times.push(start.elapsed().as_millis());
                }
                let drift = if times[1] == 35 {
                    "each tick was timed from when the one before it was read \
                     (reset to Instant::now() + every), so the ticks drift by the reader's delay; \
                     reset from the old deadline, self.timer.deadline() + every"
                } else {
                    "each tick is due at k * every after Ticks::new: reset the timer to its old \
                     deadline plus every"
                };
                assert_eq!(
                    times,
                    [25, 25, 30, 40, 50],
                    "the ms on tokio's clock at which each tick came, read from 25 ms on, \
                     2.5 periods late (ticks 1 and 2 were due at 10 and 20 ms, so both are \
                     ready at once): {drift}"
                );
            });
    }

    /// No ticks at all: the end at once, with no wait.
    #[test]
    fn no_ticks_ends_at_once() {
        ex("06-5")
            .if_stuck(testkit::STUCK_WAKER)
            .check_async(|| async {
                let start = Instant::now();
                let got: Vec<u32> = Ticks::new(0, Duration::from_secs(1)).collect().await;
                assert!(got.is_empty(), "Ticks::new(0, …) gave {got:?}");
                assert_eq!(
                    start.elapsed(),
                    Duration::ZERO,
                    "Ticks::new(0, …) should end at once, without waiting for its timer"
                );
            });
    }
}

mod ex6_framed_reader {
    use super::*;
    use lesson06::ex6_framed_reader::{Refused, read_lines};
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::io::{AsyncRead, ReadBuf};

    /// A peer that sends `left` bytes of `x` and no newline, then ends,
    /// counting what was read.
    struct Endless {
        left: usize,
        read: Arc<AtomicUsize>,
    }

    impl AsyncRead for Endless {
        fn poll_read(
            mut self: Pin<&mut Self>,
            _: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            let n = buf.remaining().min(self.left);
            buf.put_slice(&vec![b'x'; n]);
            self.left -= n;
            self.read.fetch_add(n, Ordering::SeqCst);
            Poll::Ready(Ok(()))
        }
    }

    /// A reader whose every read fails.
    struct Broken;

    impl AsyncRead for Broken {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            _: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            Poll::Ready(Err(std::io::Error::other("the cable is cut")))
        }
    }

    /// Lines within the limit come back without their ends, the last one
    /// even without a newline.
    #[test]
    fn reads_lines_within_the_limit() {
        ex("06-6").check_async(|| async {
            let got = read_lines(&b"a\nbb\r\nexactly10\nend"[..], 10).await;
            assert_eq!(
                got,
                Ok(vec![
                    "a".into(),
                    "bb".into(),
                    "exactly10".into(),
                    "end".into()
                ]),
                "the lines of \"a\\nbb\\r\\nexactly10\\nend\" with a limit of 10"
            );
            let got = read_lines(Broken, 10).await;
            assert!(
                matches!(&got, Err(Refused::Io(m)) if m.contains("cable")),
                "a reader whose reads fail gave {got:?}, not Err(Refused::Io(..)) with its \
                 message. Ok([]) means the read error was dropped: `while let Some(Ok(line))` \
                 ends the loop at an error as at the end; match Err(LinesCodecError::Io(e)) and \
                 return it"
            );
        });
    }

    /// A line over the limit refuses the input, after the good lines before it.
    #[test]
    fn refuses_a_line_over_the_limit() {
        ex("06-6").check_async(|| async {
            let mut input = b"ok\nfine\n".to_vec();
            input.extend([b'y'; 100]);
            input.extend(b"\nafter\n");
            let got = read_lines(input.as_slice(), 16).await;
            let mistake = match &got {
                Ok(lines) if lines.iter().any(|l| l.len() > 16) => {
                    "the long line was accepted: LinesCodec::new() has no limit, use \
                     LinesCodec::new_with_max_length(max)"
                }
                Ok(lines) if lines.iter().any(|l| l == "after") => {
                    "the long line was skipped and the input read on: return \
                     Refused::TooLong at the codec's MaxLineLengthExceeded"
                }
                Ok(_) => {
                    "the codec's Err(MaxLineLengthExceeded) was dropped and Ok returned \
                     (after a codec error the stream ends, so a `while let Some(Ok(line))`, \
                     or a `continue` on the error, just stops there); match the error and \
                     return Refused::TooLong"
                }
                Err(_) => {
                    "the refusal is TooLong, its after the number of good lines before the long one"
                }
            };
            assert_eq!(
                got,
                Err(Refused::TooLong { after: 2 }),
                "two short lines, then one of 100 bytes, then \"after\", with a limit of 16: \
                 {mistake}"
            );
        });
    }

    /// A peer that never sends a newline is refused once the limit is
    /// passed, not read to its end and held in memory.
    #[test]
    fn a_line_with_no_end_is_refused_early() {
        ex("06-6").check_async(|| async {
            let read = Arc::new(AtomicUsize::new(0));
            const PEER: usize = 8 << 20;
            let peer = Endless {
                left: PEER,
                read: Arc::clone(&read),
            };
            let got = read_lines(peer, 1024).await;
            let read = read.load(Ordering::SeqCst);
            let sizes = match &got {
                Ok(lines) if lines.is_empty() => "Ok with no lines".to_string(),
                Ok(lines) => format!(
                    "Ok with lines {:?} bytes long",
                    lines.iter().map(String::len).collect::<Vec<_>>()
                ),
                Err(e) => format!("{e:?}"),
            };
            let mistake = match &got {
                Ok(_) if read < PEER => {
                    "the codec refused the line, but its Err(MaxLineLengthExceeded) was \
                     dropped and Ok returned (after a codec error the stream ends, so a \
                     `while let Some(Ok(line))`, or a `continue` on the error, just stops \
                     there); match the error and return Refused::TooLong"
                }
                Ok(_) => {
                    "an unlimited codec buffers the whole line (LinesCodec::new() has no \
                     limit: use LinesCodec::new_with_max_length(max))"
                }
                Err(_) => {
                    "the refusal is TooLong, its after 0: no good line came before the long one"
                }
            };
            // Not assert_eq!: it would print the 8 MiB line.
            assert!(
                got == Err(Refused::TooLong { after: 0 }),
                "8 MiB with no newline, and a limit of 1024 bytes, gave {sizes} after reading \
                 {read} bytes, not Err(TooLong {{ after: 0 }}): {mistake}"
            );
            assert!(
                read <= 64 * 1024,
                "{read} bytes were read before the over-long line was refused; the reader should \
                 stop soon after the limit of 1024. Reading the whole input first (read_to_end \
                 into a Vec, then splitting it) holds everything a peer sends: let a FramedRead \
                 with LinesCodec::new_with_max_length(max) refuse the line as it comes"
            );
        });
    }
}
