//! Lesson 10's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.
//!
//! In exercises 10-1, 10-2 and 10-5 you write the test: the grader runs it
//! against the right helper, where it must pass, and against each faulty
//! twin in `src/faulty.rs`, where it must fail, and names the twin it did
//! not catch.

use std::future::Future;
use std::panic;
use std::time::Duration;

use testkit::tokio;

const LESSON: &str = include_str!("../exercises.toml");

/// The grader for exercise `id`.
fn ex(id: &str) -> testkit::Grader {
    testkit::exercise(LESSON, id)
}

/// How a future the grader ran ended.
enum Ran<T> {
    /// It returned.
    Returned(T),
    /// It panicked, with this text.
    Panicked(String),
    /// It had not returned after [`PATIENCE`] of tokio's (paused) clock.
    Hung,
}

/// How long, on the paused clock, a learner's test or helper may take
/// before it counts as hung; generous, and it costs no real time.
const PATIENCE: Duration = Duration::from_secs(600);

/// Runs `work` to its end as a task of its own, so that a panic in it ends
/// the task (tokio catches it and hands it to the `JoinHandle`) instead of
/// unwinding through the grader; gives up, aborting the task, after
/// [`PATIENCE`]. A `todo!()` is not caught: it carries on, so the grader
/// reads "not done yet".
async fn run<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> Ran<T> {
    let task = tokio::spawn(work);
    let abort = task.abort_handle();
    match tokio::time::timeout(PATIENCE, task).await {
        Err(_) => {
            abort.abort();
            Ran::Hung
        }
        Ok(Ok(value)) => Ran::Returned(value),
        Ok(Err(error)) => match error.try_into_panic() {
            Ok(payload) => {
                let text = lesson10::panics::panic_text(&*payload);
                if text.starts_with("not yet implemented") {
                    panic::resume_unwind(payload);
                }
                Ran::Panicked(text)
            }
            Err(error) => Ran::Panicked(error.to_string()),
        },
    }
}

/// What the learner's test did against the right helper, `name`: it must
/// pass there.
fn must_pass(ran: Ran<()>, name: &str) {
    match ran {
        Ran::Returned(()) => {}
        Ran::Panicked(text) => panic!(
            "Your test failed against the right {name}, which it must pass: {text}\n\
             A test that fails a correct helper asserts something its contract does not \
             promise (read the helper's documentation again)."
        ),
        Ran::Hung => panic!(
            "Your test never finished against the right {name}: something in it waits \
             forever. Put a tokio::time::timeout around every wait."
        ),
    }
}

/// A faulty twin in `src/faulty.rs`: its name, its bug, and what would
/// catch it.
struct Twin {
    name: &'static str,
    bug: &'static str,
    catch_it: &'static str,
}

/// What the learner's test did against `twin`: it must fail there.
fn must_fail(ran: Ran<()>, twin: &Twin) {
    let Twin {
        name,
        bug,
        catch_it,
    } = twin;
    match ran {
        Ran::Panicked(_) => {}
        Ran::Returned(()) => panic!(
            "Your test passed with faulty::{name}, which {bug}: it must fail there. \
             {catch_it}"
        ),
        Ran::Hung => panic!(
            "Your test never finished with faulty::{name}, which {bug}: it must fail, not \
             hang. Put a tokio::time::timeout around the call, and assert that it returned."
        ),
    }
}

/// The learner's test run against the right helper `right_name`, where it
/// must pass (a test that fails everything catches every twin), then
/// against `twin`, where it must fail.
async fn tells_apart(
    right: impl Future<Output = ()> + Send + 'static,
    right_name: &str,
    faulty: impl Future<Output = ()> + Send + 'static,
    twin: Twin,
) {
    must_pass(run(right).await, right_name);
    must_fail(run(faulty).await, &twin);
}

mod ex1_retry_test {
    use super::*;
    use lesson10::ex1_retry_test::retry_is_tested;
    use lesson10::{faulty, retry};

    const RIGHT: &str = "retry (retry::retry)";

    /// Your test against the right retry, then against `faulty`.
    async fn catches(faulty: impl Future<Output = ()> + Send + 'static, twin: Twin) {
        tells_apart(retry_is_tested(retry::retry), RIGHT, faulty, twin).await;
    }

    /// The test passes a helper that keeps the contract.
    #[test]
    fn your_test_passes_the_right_retry() {
        ex("10-1").check_async(|| async {
            must_pass(run(retry_is_tested(retry::retry)).await, RIGHT);
        });
    }

    /// A helper that gives up after one failure must fail the test.
    #[test]
    fn your_test_catches_a_retry_that_never_retries() {
        ex("10-1").check_async(|| {
            catches(
                retry_is_tested(faulty::retry_never_retries),
                Twin {
                    name: "retry_never_retries",
                    bug: "gives up after the first failure",
                    catch_it: "Give it an operation that fails once or more and then \
                               answers, and assert on the answer.",
                },
            )
        });
    }

    /// A helper that retries at once, with no waits, must fail the test.
    #[test]
    fn your_test_catches_a_retry_without_back_off() {
        ex("10-1").check_async(|| {
            catches(
                retry_is_tested(faulty::retry_without_back_off),
                Twin {
                    name: "retry_without_back_off",
                    bug: "retries at once, without waiting between calls",
                    catch_it: "Assert on the waits between calls: Flaky::gaps gives them, \
                               and they must be 100, 200 and 400 ms.",
                },
            )
        });
    }

    /// A helper that never gives up must fail the test, not hang it.
    #[test]
    fn your_test_catches_a_retry_that_never_gives_up() {
        ex("10-1").check_async(|| {
            catches(
                retry_is_tested(faulty::retry_forever),
                Twin {
                    name: "retry_forever",
                    bug: "never gives up",
                    catch_it: "Give it an operation that always fails \
                               (Flaky::always_failing), and assert that it gives up with \
                               GaveUp after four calls.",
                },
            )
        });
    }
}

mod ex2_lines_test {
    use super::*;
    use lesson10::ex2_lines_test::read_lines_is_tested;
    use lesson10::{faulty, lines};
    use tokio_test::io::Mock;

    const RIGHT: &str = "line reader (lines::read_lines)";

    /// Your test against the right reader, then against `faulty`.
    async fn catches(faulty: impl Future<Output = ()> + Send + 'static, twin: Twin) {
        tells_apart(
            read_lines_is_tested(lines::read_lines::<Mock>),
            RIGHT,
            faulty,
            twin,
        )
        .await;
    }

    /// The test passes a reader that keeps the contract.
    #[test]
    fn your_test_passes_the_right_reader() {
        ex("10-2").check_async(|| async {
            must_pass(
                run(read_lines_is_tested(lines::read_lines::<Mock>)).await,
                RIGHT,
            );
        });
    }

    /// A reader that takes each chunk for a line must fail the test.
    #[test]
    fn your_test_catches_a_lost_partial_read() {
        ex("10-2").check_async(|| {
            catches(
                read_lines_is_tested(faulty::read_lines_by_chunk::<Mock>),
                Twin {
                    name: "read_lines_by_chunk",
                    bug: "takes each chunk it receives for a line of its own",
                    catch_it: "Script a line cut across two reads (Builder's read, \
                               twice) and assert that it comes back whole.",
                },
            )
        });
    }

    /// A reader that drops a last line with no newline must fail the test.
    #[test]
    fn your_test_catches_a_dropped_last_line() {
        ex("10-2").check_async(|| {
            catches(
                read_lines_is_tested(faulty::read_lines_dropping_the_last::<Mock>),
                Twin {
                    name: "read_lines_dropping_the_last",
                    bug: "drops a last line that has no newline",
                    catch_it: "Script a peer whose last line has no newline before it \
                               closes, and assert that the line counts.",
                },
            )
        });
    }

    /// A reader that hides the peer's error must fail the test.
    #[test]
    fn your_test_catches_a_hidden_error() {
        ex("10-2").check_async(|| {
            catches(
                read_lines_is_tested(faulty::read_lines_hiding_errors::<Mock>),
                Twin {
                    name: "read_lines_hiding_errors",
                    bug: "takes a read error for the end of the stream",
                    catch_it: "Script a read that fails (Builder's read_error) and assert \
                               that the reader returns that error, not the lines so far.",
                },
            )
        });
    }
}

mod ex3_spans {
    use super::*;
    use lesson10::ex3_spans::lookup;
    use lesson10::spans::{Recorder, Seen};
    use testkit::tokio::time::Instant;

    fn seen(message: &str, spans: &str) -> Seen {
        Seen {
            message: message.to_string(),
            spans: spans.to_string(),
        }
    }

    /// What went wrong with one event, in words.
    fn diagnose(got: &Seen, expected: &Seen) -> &'static str {
        if got.spans.matches("lookup{").count() > 1 {
            "one lookup's span sits inside another's: a span.enter() guard held across \
             the .await keeps the span entered while the future waits. Use \
             .instrument(span) on the work, or #[tracing::instrument]."
        } else if got.spans.is_empty() {
            "the event is in no span at all: the span must cover all of the work."
        } else if got.message != expected.message {
            "the events are not the ones asked for, or not in this order."
        } else {
            "the span must be named lookup with one field, user (the name looked up)."
        }
    }

    /// One lookup gives the name's length after length × 10 ms.
    #[test]
    fn lookup_returns_the_length_in_time() {
        ex("10-3").check_async(|| async {
            // A subscriber here too: tracing caches, per callsite, whether
            // anyone listens, and a test thread with none could race the
            // other test's answer.
            let (_recorder, _installed) = Recorder::install();
            let start = Instant::now();
            let got = lookup("ann").await;
            let took = start.elapsed();
            assert_eq!(
                got, 3,
                "lookup(\"ann\") returned {got}; expected 3, the name's length"
            );
            assert_eq!(
                took,
                Duration::from_millis(30),
                "lookup(\"ann\") took {took:?} of tokio's clock; expected 30 ms \
                 (user.len() × 10 ms)"
            );
        });
    }

    /// Two lookups at once on one thread, each event in its own lookup's
    /// span and in no other; after them, no span is left entered.
    #[test]
    fn each_lookup_logs_in_its_own_span_only() {
        ex("10-3").check_async(|| async {
            let (recorder, _installed) = Recorder::install();
            let both = async { tokio::join!(lookup("ann"), lookup("bo")) };
            let got = tokio::time::timeout(PATIENCE, both).await;
            assert_eq!(
                got.ok(),
                Some((3, 2)),
                "lookup(\"ann\") and lookup(\"bo\") at once"
            );
            tracing::info!("after");
            let (ann, bo) = (r#"lookup{user="ann"}"#, r#"lookup{user="bo"}"#);
            let expected = [
                seen("asking", ann),
                seen("asking", bo),
                seen("found", bo),
                seen("found", ann),
                seen("after", ""),
            ];
            let got = recorder.seen();
            for (i, want) in expected.iter().enumerate() {
                let Some(event) = got.get(i) else {
                    panic!(
                        "only {} events were logged, {got:?}; expected {expected:?}",
                        got.len()
                    );
                };
                assert!(
                    event == want,
                    "event {} was {:?} in span {:?}; expected {:?} in {:?}: {}",
                    i + 1,
                    event.message,
                    event.spans,
                    want.message,
                    want.spans,
                    diagnose(event, want)
                );
            }
            assert_eq!(
                got.len(),
                expected.len(),
                "more events than expected: {got:?}"
            );
        });
    }
}

mod ex4_panics {
    use super::*;
    use lesson10::ex4_panics::{Job, run_all};
    use testkit::tokio::time::Instant;

    /// A job that gives `n` after `ms` milliseconds, or panics then.
    fn job(n: u32, ms: u64, panics: bool) -> Job {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            if panics {
                panic!("job {n} failed");
            }
            n
        })
    }

    /// Three jobs, the second of which panics: each is reported in the
    /// order given (not the order they ended in), the panic by its text,
    /// and all three ran at once.
    #[test]
    fn every_job_is_reported_and_a_panic_by_its_text() {
        ex("10-4").check_async(|| async {
            let start = Instant::now();
            let jobs = vec![job(1, 30, false), job(2, 10, true), job(3, 20, false)];
            let report = match run(run_all(jobs)).await {
                Ran::Returned(report) => report,
                Ran::Panicked(text) => panic!(
                    "run_all panicked ({text}) instead of reporting: a job awaited in \
                     run_all itself passes its panic on. Run each job in a task of its own \
                     (tokio::spawn) and read the panic from its JoinHandle."
                ),
                Ran::Hung => {
                    panic!("run_all never returned: it waits for something that never ends")
                }
            };
            let took = start.elapsed();
            let expected = vec![Ok(1), Err("job 2 failed".to_string()), Ok(3)];
            let likely = if report.len() == 3 && report.contains(&expected[1]) {
                "every job is there but out of order: report them in the order given (keep \
                 the handles in a Vec), not in the order they end."
            } else if report.len() < 3 {
                "a job is missing: is the one that panicked dropped?"
            } else {
                "the panic must be reported as Err with the text it was raised with \
                 (panics::panic_text on JoinError::into_panic)."
            };
            assert_eq!(report, expected, "run_all reported {report:?}; {likely}");
            assert_eq!(
                took,
                Duration::from_millis(30),
                "run_all took {took:?} of tokio's clock; the jobs take 30, 10 and 20 ms, so \
                 run at once they take 30 ms. Spawn them all before awaiting any."
            );
        });
    }

    /// No jobs, no report.
    #[test]
    fn no_jobs_is_an_empty_report() {
        ex("10-4").check_async(|| async {
            let report = run_all(Vec::new()).await;
            assert!(report.is_empty(), "run_all of no jobs reported {report:?}");
        });
    }
}

mod ex5_shutdown_test {
    use super::*;
    use lesson10::ex5_shutdown_test::shutdown_is_tested;
    use lesson10::{faulty, shutdown};

    const RIGHT: &str = "shutdown (shutdown::run_and_stop)";

    /// Your test against the right shutdown, then against `faulty`.
    async fn catches(faulty: impl Future<Output = ()> + Send + 'static, twin: Twin) {
        tells_apart(
            shutdown_is_tested(shutdown::run_and_stop),
            RIGHT,
            faulty,
            twin,
        )
        .await;
    }

    /// The test passes a shutdown that waits for every worker.
    #[test]
    fn your_test_passes_the_right_shutdown() {
        ex("10-5").check_async(|| async {
            must_pass(run(shutdown_is_tested(shutdown::run_and_stop)).await, RIGHT);
        });
    }

    /// A shutdown that forgets a worker must fail the test.
    #[test]
    fn your_test_catches_a_forgotten_worker() {
        ex("10-5").check_async(|| {
            catches(
                shutdown_is_tested(faulty::stop_forgetting_one),
                Twin {
                    name: "stop_forgetting_one",
                    bug: "leaves one worker running for ever",
                    catch_it: "Check, once it has returned, that the receiver reads \
                               Disconnected.",
                },
            )
        });
    }

    /// A shutdown that returns before its workers end must fail the test.
    #[test]
    fn your_test_catches_a_shutdown_that_does_not_wait() {
        ex("10-5").check_async(|| {
            catches(
                shutdown_is_tested(faulty::stop_without_waiting),
                Twin {
                    name: "stop_without_waiting",
                    bug: "tells the workers to stop but returns before they have",
                    catch_it: "Check at once, with try_recv, not after a wait: a worker \
                               that ends a moment later has outlived the shutdown.",
                },
            )
        });
    }
}

mod ex6_partition {
    use super::*;
    use lesson10::ex6_partition::ask_patiently;
    use lesson10::sim;
    use std::cell::RefCell;
    use std::io;
    use std::rc::Rc;
    use testkit::tokio::time::Instant;

    /// What the client saw: its answer and how long it took, or `None` if
    /// the simulation ended first.
    type Outcome = Rc<RefCell<Option<(io::Result<String>, Duration)>>>;

    /// Runs `ask_patiently("server")` on turmoil's network (fixed seed),
    /// after `chaos` has been started on the client's host to break links.
    fn simulate(chaos: impl Future<Output = ()> + 'static) -> Outcome {
        let outcome: Outcome = Rc::default();
        let mut sim = turmoil::Builder::new()
            .rng_seed(10)
            .simulation_duration(Duration::from_secs(30))
            .build();
        sim.host("server", sim::serve);
        let seen = outcome.clone();
        sim.client("client", async move {
            tokio::task::spawn_local(chaos);
            let start = Instant::now();
            let got = ask_patiently("server").await;
            *seen.borrow_mut() = Some((got, start.elapsed()));
            Ok(())
        });
        // The simulation ends in an error when the client is still
        // waiting after 30 s (what it saw, nothing, says enough), or when
        // the client panicked: turmoil catches the panic and returns it.
        if let Err(e) = sim.run() {
            let text = e.to_string();
            if text.contains("not yet implemented") {
                panic!("not yet implemented");
            }
            if outcome.borrow().is_none() && !text.contains("without completing") {
                panic!("the simulation stopped: {text}");
            }
        }
        outcome
    }

    const HUNG: &str = "ask_patiently was still waiting when the simulation ended, 30 s \
        later: an attempt with no time limit waits for ever for an answer the partition \
        dropped. Give each attempt tokio::time::timeout(ATTEMPT_LIMIT, ..).";

    /// On a sound network the first attempt answers.
    #[test]
    fn a_sound_network_answers_at_once() {
        ex("10-6").check(|| {
            let outcome = simulate(async {});
            let Some((got, took)) = outcome.borrow_mut().take() else {
                panic!("{HUNG}")
            };
            let got = got.map_err(|e| e.to_string());
            assert_eq!(
                got,
                Ok("pong".to_string()),
                "ask_patiently on a sound network"
            );
            assert!(
                took < Duration::from_millis(500),
                "ask_patiently took {took:?} on a sound network; one attempt takes about \
                 100 ms: does it wait before the first attempt, or ask again after an answer?"
            );
        });
    }

    /// The link fails 50 ms in, while the first answer is on its way, and
    /// comes back at 1.5 s: the first attempt must time out, and a later
    /// one, after the repair, must get the answer.
    #[test]
    fn an_answer_lost_to_a_partition_is_asked_again() {
        ex("10-6").check(|| {
            let outcome = simulate(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                turmoil::partition("client", "server");
                tokio::time::sleep(Duration::from_millis(1450)).await;
                turmoil::repair("client", "server");
            });
            let Some((got, took)) = outcome.borrow_mut().take() else {
                panic!("{HUNG}")
            };
            let got = got.map_err(|e| format!("{:?}: {e}", e.kind()));
            assert_eq!(
                got,
                Ok("pong".to_string()),
                "ask_patiently gave up after {took:?}, while the link was back at 1.5 s: are \
                 the attempts PAUSE apart? A refused connection fails at once, so attempts \
                 with no pause are spent in an instant."
            );
            assert!(
                took >= Duration::from_millis(1500) && took < Duration::from_secs(3),
                "the answer came after {took:?}; expected soon after the repair at 1.5 s"
            );
        });
    }

    /// A server that never answers (every message held) costs every
    /// attempt its full limit, and then an error.
    #[test]
    fn a_server_that_never_answers_is_given_up_on() {
        ex("10-6").check(|| {
            let outcome = simulate(async {
                turmoil::hold("client", "server");
            });
            let Some((got, took)) = outcome.borrow_mut().take() else {
                panic!("{HUNG}")
            };
            assert!(
                got.is_err(),
                "ask_patiently answered {got:?} from a server it cannot reach"
            );
            let all = Duration::from_secs(5) + 4 * Duration::from_millis(200);
            assert!(
                took >= all && took < all + Duration::from_millis(500),
                "ask_patiently gave up after {took:?}; five attempts of 1 s with four pauses \
                 of 200 ms take {all:?}: too few attempts, or a limit on all of them together \
                 instead of on each?"
            );
            let kind = got.err().map(|e| e.kind());
            assert_eq!(
                kind,
                Some(io::ErrorKind::TimedOut),
                "the last attempt ran out of time, so the error should be TimedOut"
            );
        });
    }
}
