//! Lesson 03's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.
//!
//! Most tests run on tokio's paused clock: a 10-second pretend download
//! takes no real time, and `Instant::now()` tells exactly how long the
//! exercise waited, which is how they tell "all at once" from "one after
//! another".

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use testkit::tokio;
use testkit::tokio::time::{Instant, sleep};

const LESSON: &str = include_str!("../exercises.toml");

fn ex(id: &str) -> testkit::Exercise {
    testkit::exercise(LESSON, id)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Counts what pretend downloads do: how many are running now, the most
/// that ever ran at once, how many finished, and how many were dropped
/// before finishing (cancelled).
#[derive(Clone, Default)]
struct Watch(Arc<Counters>);

#[derive(Default)]
struct Counters {
    running: AtomicUsize,
    peak: AtomicUsize,
    finished: AtomicUsize,
    cancelled: AtomicUsize,
}

/// Held by a running download; on drop, counts it as finished or cancelled.
struct Running {
    watch: Watch,
    done: bool,
}

impl Watch {
    fn start(&self) -> Running {
        let now = self.0.running.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.peak.fetch_max(now, Ordering::SeqCst);
        Running {
            watch: self.clone(),
            done: false,
        }
    }
    fn peak(&self) -> usize {
        self.0.peak.load(Ordering::SeqCst)
    }
    fn finished(&self) -> usize {
        self.0.finished.load(Ordering::SeqCst)
    }
    fn cancelled(&self) -> usize {
        self.0.cancelled.load(Ordering::SeqCst)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.watch.0.running.fetch_sub(1, Ordering::SeqCst);
        let counter = if self.done {
            &self.watch.0.finished
        } else {
            &self.watch.0.cancelled
        };
        counter.fetch_add(1, Ordering::SeqCst);
    }
}

/// A pretend download of `url`, whose name says what it does:
/// `"NAME:MS"` answers `"body of NAME"` after MS milliseconds,
/// `"bad-NAME:MS"` fails after MS milliseconds with `"NAME refused"`.
async fn pretend(watch: Watch, url: String) -> Result<String, String> {
    let (name, delay) = url.split_once(':').expect("test URLs are NAME:MS");
    let mut running = watch.start();
    sleep(ms(delay.parse().expect("test URLs are NAME:MS"))).await;
    running.done = true;
    match name.strip_prefix("bad-") {
        Some(bad) => Err(format!("{bad} refused")),
        None => Ok(format!("body of {name}")),
    }
}

/// Wraps a future that must not be polled again once it has finished:
/// `first_ok` gets these, so a branch that was not switched off after its
/// error fails with a message that says so, not with the compiler's raw
/// "`async fn` resumed after completion".
struct Once<F> {
    future: Option<Pin<Box<F>>>,
    who: &'static str,
}

fn once<F: Future>(who: &'static str, future: F) -> Once<F> {
    Once {
        future: Some(Box::pin(future)),
        who,
    }
}

impl<F: Future> Future for Once<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let who = self.who;
        let Some(future) = self.future.as_mut() else {
            panic!(
                "the {who}'s future was polled again after it had finished with an error; a \
                 finished future must never be polled again. In the loop, switch its branch off \
                 once it has failed: `answer = &mut {who}, if {who}_failed.is_none() => ...`"
            )
        };
        let output = future.as_mut().poll(cx);
        if output.is_ready() {
            self.future = None;
        }
        output
    }
}

fn urls(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

mod ex1_all_or_nothing {
    use super::*;
    use lesson03::ex1_all_or_nothing::fetch_all;

    /// Bodies come back in input order, though they finish in reverse.
    #[test]
    fn bodies_come_back_in_input_order() {
        ex("03-1").check_async(|| async {
            let watch = Watch::default();
            let got = fetch_all(urls(&["a:300", "b:200", "c:100"]), |u| {
                pretend(watch.clone(), u)
            })
            .await;
            let want = Ok(vec![
                "body of a".into(),
                "body of b".into(),
                "body of c".into(),
            ]);
            assert_eq!(
                got, want,
                "fetch_all gave {got:?}; the bodies must be in the order of `urls`, not in the \
                 order the fetches finished"
            );
        });
    }

    /// All at once: 300 + 200 + 100 ms of downloads take 300 ms, not 600.
    #[test]
    fn every_fetch_runs_at_the_same_time() {
        ex("03-1").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let _ = fetch_all(urls(&["a:300", "b:200", "c:100"]), |u| {
                pretend(watch.clone(), u)
            })
            .await;
            let took = start.elapsed();
            assert_eq!(
                took,
                ms(300),
                "three fetches of 300, 200 and 100 ms took {took:?}; run at the same time they \
                 take as long as the slowest (300 ms). Awaiting each before starting the next \
                 adds them up"
            );
            assert_eq!(
                watch.peak(),
                3,
                "only {} fetches ever ran at once; all three should",
                watch.peak()
            );
        });
    }

    /// The first error comes back when it happens; the others are cancelled.
    #[test]
    fn the_first_error_returns_at_once_and_cancels_the_rest() {
        ex("03-1").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = fetch_all(urls(&["slow:10000", "bad-css:100", "js:5000"]), |u| {
                pretend(watch.clone(), u)
            })
            .await;
            let took = start.elapsed();
            assert_eq!(
                got,
                Err("css refused".to_string()),
                "one part failed after 100 ms, so the result must be that error"
            );
            assert_eq!(
                took,
                ms(100),
                "the error happened after 100 ms but fetch_all returned after {took:?}; fail \
                 fast: return the first error at once instead of waiting for every fetch"
            );
            assert_eq!(
                (watch.finished(), watch.cancelled()),
                (1, 2),
                "after the error, the two slow fetches should have been dropped unfinished \
                 (cancelled); {} finished and {} were cancelled",
                watch.finished(),
                watch.cancelled()
            );
        });
    }

    /// Nothing to fetch: an empty list, at once.
    #[test]
    fn no_urls_gives_an_empty_list() {
        ex("03-1").check_async(|| async {
            let watch = Watch::default();
            let got = fetch_all(Vec::new(), |u| pretend(watch.clone(), u)).await;
            assert_eq!(got, Ok(vec![]), "no URLs should give Ok(vec![])");
        });
    }
}

mod ex2_first_ok {
    use super::*;
    use lesson03::ex2_first_ok::{Source, first_ok};

    /// The faster good answer wins, and the slower one is cancelled.
    #[test]
    fn the_faster_answer_wins_and_the_other_is_dropped() {
        ex("03-2").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = first_ok(
                once("primary", pretend(watch.clone(), "primary:500".into())),
                once("mirror", pretend(watch.clone(), "mirror:200".into())),
            )
            .await;
            let took = start.elapsed();
            assert_eq!(
                got,
                Ok((Source::Mirror, "body of mirror".to_string())),
                "the mirror answered after 200 ms, the primary after 500: the mirror wins"
            );
            assert_eq!(
                took,
                ms(200),
                "the winner answered after 200 ms but first_ok returned after {took:?}; return \
                 as soon as one answer is good, without waiting for the other"
            );
            assert_eq!(
                watch.cancelled(),
                1,
                "the losing request should be dropped unfinished once the race is won"
            );
        });
        ex("03-2").check_async(|| async {
            let watch = Watch::default();
            let got = first_ok(
                once("primary", pretend(watch.clone(), "primary:100".into())),
                once("mirror", pretend(watch.clone(), "mirror:400".into())),
            )
            .await;
            assert_eq!(
                got,
                Ok((Source::Primary, "body of primary".to_string())),
                "the primary answered first (100 ms against 400): it wins"
            );
        });
    }

    /// An error does not win the race: the other server still can.
    #[test]
    fn an_early_error_leaves_the_race_to_the_other() {
        ex("03-2").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = first_ok(
                once("primary", pretend(watch.clone(), "bad-primary:100".into())),
                once("mirror", pretend(watch.clone(), "mirror:300".into())),
            )
            .await;
            assert_eq!(
                got,
                Ok((Source::Mirror, "body of mirror".to_string())),
                "the primary failed after 100 ms and the mirror answered after 300: the \
                 mirror's answer is the result. An error should switch its branch off, not end \
                 the race"
            );
            assert_eq!(start.elapsed(), ms(300), "the mirror answered after 300 ms");
        });
    }

    /// Both failed: both errors, each in its place.
    #[test]
    fn both_failing_gives_both_errors() {
        ex("03-2").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = first_ok(
                once("primary", pretend(watch.clone(), "bad-primary:300".into())),
                once("mirror", pretend(watch.clone(), "bad-mirror:100".into())),
            )
            .await;
            assert_eq!(
                got,
                Err(("primary refused".to_string(), "mirror refused".to_string())),
                "both failed: the result is (primary's error, mirror's error), in that order"
            );
            assert_eq!(
                start.elapsed(),
                ms(300),
                "the second failure came after 300 ms; first_ok must wait for it, and no longer"
            );
        });
    }
}

mod ex3_timeout {
    use super::*;
    use lesson03::ex3_timeout::{TimeoutError, with_timeout};
    use std::error::Error;

    /// In time: the value, after the future's own time (not the limit).
    #[test]
    fn a_future_in_time_gives_its_value() {
        ex("03-3").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = with_timeout(ms(1000), pretend(watch, "page:200".into())).await;
            assert_eq!(
                got,
                Ok("body of page".to_string()),
                "200 ms is within a 1 s limit"
            );
            assert_eq!(
                start.elapsed(),
                ms(200),
                "the future was done after 200 ms; with_timeout must return then, not wait out \
                 the limit"
            );
        });
    }

    /// In time but failed: `Failed` with the future's own error.
    #[test]
    fn an_error_in_time_is_failed_not_timed_out() {
        ex("03-3").check_async(|| async {
            let watch = Watch::default();
            let got = with_timeout(ms(1000), pretend(watch, "bad-page:200".into())).await;
            assert_eq!(
                got,
                Err(TimeoutError::Failed("page refused".to_string())),
                "the future failed within the limit: that is Failed(its error), not TimedOut"
            );
        });
    }

    /// Too slow: `TimedOut(limit)` at the limit, and the future is dropped.
    #[test]
    fn too_slow_is_timed_out_at_the_limit() {
        ex("03-3").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = with_timeout(ms(1000), pretend(watch.clone(), "page:60000".into())).await;
            assert_eq!(
                got,
                Err(TimeoutError::TimedOut(ms(1000))),
                "a 60 s future under a 1 s limit must give TimedOut(the limit)"
            );
            let took = start.elapsed();
            assert_eq!(
                took,
                ms(1000),
                "a 60 s future under a 1 s limit ran for {took:?}: with_timeout should give up \
                 exactly at the limit and drop the future, not await it to the end and then \
                 compare the time it took (tokio::time::timeout does the racing)"
            );
            assert_eq!(
                watch.cancelled(),
                1,
                "the slow future should have been dropped (cancelled) when time ran out"
            );
        });
    }

    /// The messages and the error chain.
    #[test]
    fn errors_print_and_chain() {
        ex("03-3").check(|| {
            let timed_out: TimeoutError<std::io::Error> =
                TimeoutError::TimedOut(Duration::from_secs(2));
            assert_eq!(timed_out.to_string(), "timed out after 2s");
            assert!(
                timed_out.source().is_none(),
                "a timeout has no inner error, so source() should be None"
            );
            let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
            let failed = TimeoutError::Failed(inner);
            assert_eq!(failed.to_string(), "failed: refused");
            let source = failed.source().map(|s| s.to_string());
            assert_eq!(
                source.as_deref(),
                Some("refused"),
                "source() of Failed(e) should be e, so error reporters can show the cause"
            );
        });
    }
}

mod ex4_bounded {
    use super::*;
    use lesson03::ex4_bounded::fetch_bounded;

    fn six() -> Vec<String> {
        urls(&["a:100", "b:100", "c:100", "d:100", "e:100", "f:100"])
    }

    /// Never more than the limit at once, and the limit is used.
    #[test]
    fn never_more_than_the_limit_at_once() {
        ex("03-4").check_async(|| async {
            let watch = Watch::default();
            let start = Instant::now();
            let got = fetch_bounded(six(), 2, |u| pretend(watch.clone(), u)).await;
            let took = start.elapsed();
            assert_eq!(
                got.len(),
                6,
                "six URLs should give six results, got {}",
                got.len()
            );
            assert_eq!(
                watch.peak(),
                2,
                "with a limit of 2, at most 2 fetches may run at once, and 2 should: {} did",
                watch.peak()
            );
            assert_eq!(
                took,
                ms(300),
                "six 100 ms fetches, two at a time, take 300 ms; this took {took:?}"
            );
        });
    }

    /// Results come out as they finish, each with its index.
    #[test]
    fn results_come_in_finishing_order() {
        ex("03-4").check_async(|| async {
            let watch = Watch::default();
            let got = fetch_bounded(urls(&["a:500", "b:100", "c:200", "d:100"]), 2, |u| {
                pretend(watch.clone(), u)
            })
            .await;
            let order: Vec<usize> = got.iter().map(|(i, _)| *i).collect();
            assert_eq!(
                order,
                vec![1, 2, 3, 0],
                "with a limit of 2, b finishes at 100 ms, c at 300, d at 400, a at 500, so \
                 the indices come out [1, 2, 3, 0]; got {order:?}. `buffered` would keep input \
                 order ([0, 1, 2, 3]), and batches of `limit` that each wait for their slowest \
                 would give [1, 0, 3, 2]; this wants finishing order, with the next fetch \
                 started as soon as any one finishes (`buffer_unordered`)"
            );
            assert_eq!(
                got[3].1,
                Ok("body of a".to_string()),
                "each index goes with its own body"
            );
        });
    }

    /// A limit of 0 means one at a time, not a hang.
    #[test]
    fn a_limit_of_zero_means_one() {
        let stuck = "With a limit of 0 nothing ever started: buffer_unordered(0) runs no future \
                     at all and waits for ever. A limit of 0 means 1: pass limit.max(1).";
        ex("03-4").if_stuck(stuck).check_async(|| async {
            let watch = Watch::default();
            let got =
                fetch_bounded(urls(&["a:100", "b:100"]), 0, |u| pretend(watch.clone(), u)).await;
            assert_eq!(
                got.len(),
                2,
                "a limit of 0 should run the fetches one at a time"
            );
            assert_eq!(watch.peak(), 1, "a limit of 0 means 1 at a time");
        });
    }
}

mod ex5_cancel_safe {
    use super::*;
    use lesson03::ex5_cancel_safe::read_with_heartbeat;
    use testkit::tokio::io::AsyncWriteExt;

    /// Writes `parts` to a pipe, pausing after each as told, then closes it;
    /// meanwhile runs `read_with_heartbeat` on the other end.
    async fn feed(
        parts: &[(&'static [u8], u64)],
        beat: Duration,
    ) -> std::io::Result<(Vec<String>, u32)> {
        let (mut tx, rx) = tokio::io::duplex(64);
        let parts = parts.to_vec();
        let writer = async move {
            for (bytes, pause) in parts {
                tx.write_all(bytes).await.expect("the test's pipe broke");
                sleep(ms(pause)).await;
            }
            drop(tx);
        };
        let (_, got) = tokio::join!(writer, read_with_heartbeat(rx, beat));
        got
    }

    /// A beat in the middle of a line must not lose the half already read.
    #[test]
    fn a_beat_in_the_middle_of_a_line_loses_nothing() {
        ex("03-5").check_async(|| async {
            let got = feed(&[(b"hel", 350), (b"lo\nwor", 250), (b"ld\n", 150)], ms(100)).await;
            let (lines, beats) = got.expect("the input is valid UTF-8; no error expected");
            assert_eq!(
                lines,
                vec!["hello", "world"],
                "lines came back as {lines:?}: a heartbeat cut a line and its first half was \
                 lost. A read dropped by select! must not take bytes with it: keep the \
                 unfinished line in a buffer declared outside the loop, and read with \
                 read_until (cancel safe), not read_line (not cancel safe)"
            );
            assert_eq!(
                beats, 7,
                "the input took 750 ms with a beat every 100 ms, so 7 beats; counted {beats}. \
                 The beat must keep counting while a read is waiting (both in one select!)"
            );
        });
    }

    /// A reader that notes the time (since `start`, on tokio's clock) of
    /// every read: it shows when `read_with_heartbeat` came back to it.
    struct Spy {
        inner: tokio::io::DuplexStream,
        start: Instant,
        reads: Arc<Mutex<Vec<Duration>>>,
    }

    impl tokio::io::AsyncRead for Spy {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut tokio::io::ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            let at = self.start.elapsed();
            self.reads.lock().unwrap().push(at);
            Pin::new(&mut self.inner).poll_read(cx, buf)
        }
    }

    /// The beats are counted as they come, while a line is half sent: each
    /// beat ends a turn of the select! loop, and the next turn reads again.
    /// An answer that reads everything first and works the beats out from
    /// the time taken gives the same numbers, but never comes back to the
    /// reader at a beat.
    #[test]
    fn each_beat_is_counted_while_the_read_waits() {
        ex("03-5").check_async(|| async {
            let (mut tx, rx) = tokio::io::duplex(64);
            let reads = Arc::new(Mutex::new(Vec::new()));
            let reader = Spy {
                inner: rx,
                start: Instant::now(),
                reads: Arc::clone(&reads),
            };
            let writer = async move {
                tx.write_all(b"hel").await.expect("the test's pipe broke");
                sleep(ms(350)).await;
                tx.write_all(b"lo\n").await.expect("the test's pipe broke");
            };
            let (_, got) = tokio::join!(writer, read_with_heartbeat(reader, ms(100)));
            let (lines, beats) = got.expect("the input is valid UTF-8; no error expected");
            assert_eq!(
                (lines.as_slice(), beats),
                (&["hello".to_string()][..], 3),
                "\"hel\", 350 ms, \"lo\\n\" with a beat every 100 ms should give [\"hello\"] \
                 and 3 beats"
            );
            let reads = reads.lock().unwrap().clone();
            let missed: Vec<Duration> = [100, 200, 300]
                .map(ms)
                .into_iter()
                .filter(|at| !reads.contains(at))
                .collect();
            assert!(
                missed.is_empty(),
                "while \"hel\" waited for the rest of its line, beats came at 100, 200 and \
                 300 ms, but read_with_heartbeat did not go back to reading after the beats at \
                 {missed:?} (it read at {reads:?}). It looks like it reads to the end first and \
                 works the beats out from the time taken, with no select!. Count each beat as \
                 it comes: a select! loop with one branch for the read and one for the tick"
            );
        });
    }

    /// A last line without a newline still counts; an empty end does not.
    #[test]
    fn the_last_line_needs_no_newline() {
        ex("03-5").check_async(|| async {
            let got = feed(&[(b"one\ntwo\nthree", 0)], ms(100)).await;
            let (lines, beats) = got.expect("valid input; no error expected");
            assert_eq!(lines, vec!["one", "two", "three"], "got {lines:?}");
            assert_eq!(beats, 0, "the input ended at once, before any beat");
            let (lines, _) = feed(&[(b"", 0)], ms(100))
                .await
                .expect("empty input is fine");
            assert!(lines.is_empty(), "empty input has no lines, got {lines:?}");
        });
    }

    /// Bytes that are not UTF-8 are an InvalidData error.
    #[test]
    fn a_line_that_is_not_utf8_is_invalid_data() {
        ex("03-5").check_async(|| async {
            let got = feed(&[(b"fine\n\xff\xfe\n", 0)], ms(100)).await;
            match got {
                Err(e) => assert_eq!(
                    e.kind(),
                    std::io::ErrorKind::InvalidData,
                    "not-UTF-8 input should be InvalidData, got {e}"
                ),
                Ok(ok) => {
                    panic!("b\"\\xff\\xfe\" is not UTF-8, but read_with_heartbeat gave {ok:?}")
                }
            }
        });
    }
}

/// Not an exercise: the given `read_with_heartbeat_naive` really does lose
/// data, which is the reason for exercise 03-5.
mod the_naive_loop {
    use super::*;
    use lesson03::ex5_cancel_safe::read_with_heartbeat_naive;
    use testkit::tokio::io::AsyncWriteExt;

    #[test]
    fn read_line_in_select_loses_the_start_of_a_line() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        let (lines, beats) = rt.block_on(async {
            let (mut tx, rx) = tokio::io::duplex(64);
            let writer = async move {
                tx.write_all(b"hel").await.unwrap();
                sleep(ms(350)).await;
                tx.write_all(b"lo\n").await.unwrap();
            };
            let (_, got) = tokio::join!(writer, read_with_heartbeat_naive(rx, ms(100)));
            got.unwrap()
        });
        assert_eq!(lines, vec!["lo"], "the naive loop no longer loses data?");
        assert_eq!(beats, 3);
    }
}

/// Not an exercise: the program's fetcher against the local servers, on
/// real sockets (127.0.0.1 only), every kind of outcome.
mod wget_offline {
    use lesson03::fetch_error::FetchError;
    use lesson03::servers::{BIG, LocalServers};
    use lesson03::wget::{self, Options};

    #[test]
    fn every_demo_url_gets_its_own_outcome() {
        let rt = testkit::tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let (out, results) = rt.block_on(async {
            let servers = LocalServers::start()
                .await
                .expect("could not bind 127.0.0.1");
            let urls = servers.demo_urls();
            let options = Options {
                limit: 3,
                timeout: std::time::Duration::from_millis(300),
            };
            let mut out = Vec::new();
            let client = wget::client(false);
            let run = wget::run(&client, &urls, options, &mut out);
            let (_, results) =
                testkit::tokio::time::timeout(std::time::Duration::from_secs(5), run)
                    .await
                    .expect("the demo took more than 5 s")
                    .expect("writing to a Vec cannot fail");
            (String::from_utf8(out).unwrap(), results)
        });
        let results: Vec<_> = results
            .into_iter()
            .map(|r| r.expect("every URL has a result"))
            .collect();
        let status = |i: usize| results[i].as_ref().map(|f| f.status.as_str()).ok();
        assert_eq!(status(0), Some("200 OK"), "{out}");
        assert_eq!(
            results[1].as_ref().map(|f| f.body_bytes).ok(),
            Some(BIG as u64),
            "{out}"
        );
        assert_eq!(status(2), Some("404 Not Found"), "{out}");
        assert_eq!(
            results[3],
            Err(FetchError::TimedOut(std::time::Duration::from_millis(300))),
            "{out}"
        );
        assert!(matches!(results[4], Err(FetchError::NotHttp(_))), "{out}");
        assert!(matches!(results[5], Err(FetchError::Connect(_))), "{out}");
        assert!(matches!(results[6], Err(FetchError::BadUrl(_))), "{out}");
        if cfg!(feature = "https") {
            assert!(
                matches!(results[7], Err(FetchError::Connect(_))),
                "TLS to a plain HTTP server fails in the handshake: {out}"
            );
        } else {
            assert_eq!(results[7], Err(FetchError::HttpsNotBuilt), "{out}");
        }
        assert_eq!(
            results[8].as_ref().map(|f| f.redirected_to.is_some()),
            Ok(true),
            "/moved is followed: {out}"
        );
        if cfg!(feature = "https") {
            assert!(
                matches!(results[9], Err(FetchError::Connect(_))),
                "followed to https, where TLS to a plain HTTP server fails: {out}"
            );
        } else {
            assert!(
                matches!(results[9], Err(FetchError::RedirectedToHttps(_))),
                "{out}"
            );
        }
        assert!(
            out.ends_with("4 answered (100046 bytes of body), 6 failed\n"),
            "{out}"
        );
    }
}
