//! What every lesson's test suite shares.
//!
//! A lesson's suite, `lessons/lessonNN/tests/exercises.rs`, is written once
//! and compiled twice: against the learner's crate and against the solution
//! (whose `Cargo.toml` points its `[[test]]` at the same file). Each test
//! wraps its body in [`Grader::check`] or [`Grader::check_async`], which
//!
//! - runs the body on a thread of its own under a time limit, so an exercise
//!   that loops forever or never wakes fails with "timed out" instead of
//!   hanging `cargo test`;
//! - turns `todo!()` into "exercise 01-3 is not done yet: open FILE";
//! - tells a failed assertion of the suite ("not right yet") apart from a
//!   panic in the learner's own code ("panicked"), and names the exercise,
//!   its file and the hint command in every message.
//!
//! The first line of every failure message starts with `exercise NN-N` and one
//! of the phrases in [`Outcome`], which is what `cargo course` reads back.
//!
//! # Layout
//! - [`Lesson`] and [`ExerciseInfo`] (from `courseinfo`): a lesson's
//!   `exercises.toml`, the one place that lists its exercises, their files
//!   and hints.
//! - [`Grader`]: the grader a test calls.
//! - [`wakers`]: small wakers tests use to watch what a future does.
//! - [`futures`]: futures whose behaviour a test controls.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, mpsc};
use std::thread;
use std::time::Duration;

pub mod futures;
pub mod wakers;

/// The schema of `exercises.toml`, the outcomes and the learner's language
/// live in `courseinfo`, which the course tool reads without building tokio;
/// re-exported so a lesson's suite needs no dependency of its own.
pub use courseinfo::{ExerciseInfo, Lesson, Outcome, in_chinese, locale};

/// Re-exported so a lesson's suite uses the same tokio, with the paused
/// clock (`test-util`) on, without a dependency of its own.
pub use tokio;

/// The grader for one exercise (what a test wraps its body in), beside
/// [`ExerciseInfo`], the exercise as `exercises.toml` describes it; see the
/// crate's documentation.
#[derive(Debug)]
pub struct Grader {
    id: String,
    title: String,
    path: String,
    limit: Duration,
    runtime: Runtime,
    /// The likely mistake the timeout message names when an async test is
    /// stuck on the paused clock; see [`Grader::if_stuck`].
    stuck: String,
}

#[derive(Debug, Clone, Copy)]
enum Runtime {
    /// tokio's current-thread runtime with the clock paused: timers fire as
    /// soon as nothing else can run, so a one-hour sleep takes no real time.
    PausedClock,
    /// tokio's multi-thread runtime with this many workers, on the real
    /// clock (a paused clock only works on a current-thread runtime).
    MultiThread(usize),
    /// tokio's current-thread runtime on the real clock, for tests that wait
    /// on real sockets, where a paused clock would fire timeouts early.
    RealClock,
}

/// How long a test may take, in real time, unless `COURSE_TEST_TIMEOUT`
/// (seconds) says otherwise. Generous: tests finish in milliseconds, and
/// only a hung exercise comes near it.
const DEFAULT_LIMIT: Duration = Duration::from_secs(10);

/// How long an async test may take on the paused clock before it counts as
/// stuck. Paused time costs nothing, so this can be long.
const PAUSED_LIMIT: Duration = Duration::from_secs(3600);

/// What a stuck async test most likely means when the learner writes
/// `async` code only: an `.await` on something nobody will ever finish.
pub const STUCK_AWAIT: &str = "Your code is waiting on something that will never happen: an \
     .await on a channel whose sender is kept alive but never sends, on a task or a lock that \
     never finishes, or a loop that waits again after its input has ended.";

/// What a stuck async test most likely means in an exercise where the
/// learner writes `poll` by hand (pass it to [`Grader::if_stuck`]).
pub const STUCK_WAKER: &str = "A future that returns Poll::Pending must make sure its waker is \
     called once it can make progress; yours returned Pending and nothing ever woke it.";

/// Runs a lesson's program, `exe` (`env!("CARGO_BIN_EXE_lessonNN")` in its
/// `tests/program.rs`), with `args`, and waits for it: its exit code (-1
/// when a signal ended it), standard output and standard error, as text.
/// Panics with one line if the program cannot be started.
pub fn run_program(exe: &str, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(exe)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not start {exe}: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs the program `exe` (called `name` in its messages, `"lesson02"`)
/// with each list of `bad` arguments, and fails unless each is refused as
/// the course refuses bad input: exit status 2, standard error starting
/// `NAME: `, and no panic.
pub fn assert_refused(exe: &str, name: &str, bad: &[&[&str]]) {
    for args in bad {
        let (code, _, err) = run_program(exe, args);
        assert_eq!(
            code, 2,
            "{name} {args:?} should exit with 2; it said: {err}"
        );
        assert!(
            err.starts_with(&format!("{name}: ")),
            "{name} {args:?} said: {err}"
        );
        assert!(!err.contains("panicked"), "{name} {args:?} panicked: {err}");
    }
}

/// The grader for exercise `id` of the lesson whose `exercises.toml` is
/// `lesson_toml`. Panics (failing the test) if the file or the id is wrong,
/// which is a mistake in the suite, not the learner's.
pub fn exercise(lesson_toml: &str, id: &str) -> Grader {
    let lesson = Lesson::parse(lesson_toml).unwrap_or_else(|e| panic!("exercises.toml: {e}"));
    let info = lesson
        .exercise(id)
        .unwrap_or_else(|| panic!("exercises.toml lists no exercise {id}"));
    let limit = std::env::var("COURSE_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_LIMIT);
    Grader {
        id: info.id.clone(),
        title: info.title.clone(),
        path: format!("{}/{}", lesson.folder, info.file),
        limit,
        runtime: Runtime::PausedClock,
        stuck: STUCK_AWAIT.to_string(),
    }
}

/// The grader's name before it was `Grader`: the lessons' suites still
/// spell it so (`fn ex(id: &str) -> testkit::Exercise`).
pub type Exercise = Grader;

impl Grader {
    /// Runs `check_async` bodies on a multi-thread runtime with `workers`
    /// threads and the real clock.
    pub fn multi_thread(mut self, workers: usize) -> Self {
        self.runtime = Runtime::MultiThread(workers);
        self
    }

    /// Runs `check_async` bodies on a current-thread runtime with the real
    /// clock: for tests on real sockets.
    pub fn real_clock(mut self) -> Self {
        self.runtime = Runtime::RealClock;
        self
    }

    /// What the "timed out" message of a stuck async test (nothing left to
    /// run on the paused clock) gives as the likely mistake. By default
    /// [`STUCK_AWAIT`], which fits exercises written with `async`/`.await`;
    /// exercises that hand-write `poll` pass [`STUCK_WAKER`], and an exercise
    /// with a trap of its own can name it.
    pub fn if_stuck(mut self, likely_mistake: &str) -> Self {
        self.stuck = likely_mistake.to_string();
        self
    }

    /// Overrides the real-time limit.
    pub fn time_limit(mut self, limit: Duration) -> Self {
        self.limit = limit;
        self
    }

    /// Runs a synchronous test body under the time limit.
    pub fn check<T: Send + 'static>(self, body: impl FnOnce() -> T + Send + 'static) -> T {
        self.run(body)
    }

    /// Runs an async test body on a fresh tokio runtime (the paused clock
    /// unless [`Grader::multi_thread`] or [`Grader::real_clock`] said
    /// otherwise) under the time limit.
    pub fn check_async<T, F>(self, body: impl FnOnce() -> F + Send + 'static) -> T
    where
        T: Send + 'static,
        F: Future<Output = T>,
    {
        let runtime = self.runtime;
        let limit = self.limit;
        let stuck = self.stuck.clone();
        self.run(move || {
            let mut builder = match runtime {
                Runtime::PausedClock | Runtime::RealClock => {
                    tokio::runtime::Builder::new_current_thread()
                }
                Runtime::MultiThread(n) => {
                    let mut b = tokio::runtime::Builder::new_multi_thread();
                    b.worker_threads(n);
                    b
                }
            };
            builder.enable_all();
            if let Runtime::PausedClock = runtime {
                builder.start_paused(true);
            }
            let rt = builder.build().expect("could not start a tokio runtime");
            // On the paused clock a stuck future makes time jump straight to
            // this limit, so "never woken" is caught at once; on the real
            // clock the thread's own limit does the job.
            let async_limit = match runtime {
                Runtime::PausedClock => PAUSED_LIMIT,
                _ => limit + Duration::from_secs(1),
            };
            match rt.block_on(async move { tokio::time::timeout(async_limit, body()).await }) {
                Ok(value) => value,
                Err(_) => std::panic::panic_any(Stuck(format!(
                    "Still not finished after {} of paused test time. {stuck}",
                    human(async_limit)
                ))),
            }
        })
    }

    fn run<T: Send + 'static>(self, body: impl FnOnce() -> T + Send + 'static) -> T {
        install_panic_hook();
        let (tx, rx) = mpsc::channel();
        let spawned = thread::Builder::new()
            .name(format!("exercise {}", self.id))
            .spawn(move || {
                IN_EXERCISE.with(|f| *f.borrow_mut() = Some(None));
                let result = panic::catch_unwind(AssertUnwindSafe(body));
                let location = IN_EXERCISE.with(|f| f.borrow_mut().take().flatten());
                // The receiver is gone only if the test already timed out.
                let _ = tx.send(result.map_err(|payload| (payload, location)));
            });
        if let Err(e) = spawned {
            panic!("could not start a thread for exercise {}: {e}", self.id);
        }
        match rx.recv_timeout(self.limit) {
            Ok(Ok(value)) => value,
            Ok(Err((payload, location))) => panic!("{}", self.report(&*payload, location)),
            Err(_) => panic!(
                "{}",
                self.message(
                    Outcome::TimedOut,
                    &format!(
                        "It was still running after {} of real time: an endless loop, a \
                         deadlock, or blocking work that stops the runtime.",
                        human(self.limit)
                    )
                )
            ),
        }
    }

    fn report(&self, payload: &(dyn Any + Send), location: Option<Location>) -> String {
        if let Some(Stuck(text)) = payload.downcast_ref::<Stuck>() {
            return self.message(Outcome::TimedOut, text);
        }
        let text = payload_text(payload);
        if text.starts_with("not yet implemented") {
            return self.message(
                Outcome::NotDone,
                &format!("Open {} and replace the todo!() with your code.", self.path),
            );
        }
        // A panic raised by the suite's own `assert!` (or by testkit's test
        // futures) is a wrong answer; one raised anywhere else (the
        // learner's `unwrap`, an overflow, an index out of bounds) is a
        // panic in the learner's code.
        match location {
            Some(loc) if !loc.file.contains("/tests/") && !loc.file.contains("testkit/") => self
                .message(
                    Outcome::Panicked,
                    &format!("{text}\n    at {}:{}", loc.file, loc.line),
                ),
            _ => self.message(Outcome::Wrong, &text),
        }
    }

    fn message(&self, outcome: Outcome, detail: &str) -> String {
        let detail = detail.replace('\n', "\n    ");
        let file = if detail.contains(&self.path) {
            String::new()
        } else {
            format!("\n    file: {}", self.path)
        };
        let english = format!(
            "exercise {} ({}) {outcome}.\n    {detail}{file}\n    hint: cargo course hint {}",
            self.id, self.title, self.id
        );
        if !locale::chinese_locale() {
            return english;
        }
        let title = chinese_title(&self.path, &self.id).unwrap_or_else(|| self.title.clone());
        in_chinese(&english, &title)
    }
}

/// Exercise `id`'s Chinese title, from `hints.zh-CN.toml` in the folder of
/// `path` (`lessons/lesson01/src/ex1_countdown.rs`), found by going up from
/// the package cargo runs the tests of (`CARGO_MANIFEST_DIR`).
fn chinese_title(path: &str, id: &str) -> Option<String> {
    let folder = path.split("/src/").next()?;
    let start = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let file = std::path::Path::new(&start)
        .ancestors()
        .map(|dir| dir.join(folder).join("hints.zh-CN.toml"))
        .find(|f| f.is_file())?;
    let table: toml::Table = std::fs::read_to_string(file).ok()?.parse().ok()?;
    Some(table.get(id)?.get("title")?.as_str()?.to_string())
}

/// Awaits a spawned task and gives back its output; if the task panicked,
/// the panic carries on here with its own message, so that a `todo!()` or an
/// assertion inside a task reads the same as one outside.
pub async fn join<T>(task: tokio::task::JoinHandle<T>) -> T {
    match task.await {
        Ok(value) => value,
        Err(e) if e.is_panic() => panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("a spawned task did not finish: {e}"),
    }
}

/// The panic payload of a future that never finished on the paused clock.
struct Stuck(String);

#[derive(Debug, Clone)]
struct Location {
    file: String,
    line: u32,
}

thread_local! {
    /// `Some` on an exercise thread; then holds where its last panic was raised.
    static IN_EXERCISE: RefCell<Option<Option<Location>>> = const { RefCell::new(None) };
}

/// Installs, once per test process, a panic hook that stays quiet on
/// exercise threads (their panics are reported by [`Grader::run`], with
/// more to say) and records where they panicked. Every other panic goes to
/// the hook that was there before.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let handled = IN_EXERCISE.with(|f| match &mut *f.borrow_mut() {
                Some(slot) => {
                    // The last panic is the one that ends the test: an
                    // earlier one may have been caught (by tokio, say).
                    *slot = info.location().map(|l| Location {
                        file: l.file().replace('\\', "/"),
                        line: l.line(),
                    });
                    true
                }
                None => false,
            });
            if !handled {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a payload that is not text".to_string()
    }
}

fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 3600.0 {
        format!("{} h", secs / 3600.0)
    } else {
        format!("{secs} s")
    }
}
