//! What every lesson's test suite shares.
//!
//! A lesson's suite, `lessons/lessonNN/tests/exercises.rs`, is written once
//! and compiled twice: against the learner's crate and against the solution
//! (whose `Cargo.toml` points its `[[test]]` at the same file). Each test
//! wraps its body in [`Exercise::check`] or [`Exercise::check_async`], which
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
//! - [`Lesson`] and [`ExerciseInfo`]: a lesson's `exercises.toml`, the one
//!   place that lists its exercises, their files and hints.
//! - [`Exercise`]: the grader a test calls.
//! - [`wakers`]: small wakers tests use to watch what a future does.
//! - [`futures`]: futures whose behaviour a test controls.

use std::any::Any;
use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Once, mpsc};
use std::thread;
use std::time::Duration;

use serde::Deserialize;

pub mod futures;
pub mod locale;
pub mod wakers;

/// Re-exported so a lesson's suite uses the same tokio, with the paused
/// clock (`test-util`) on, without a dependency of its own.
pub use tokio;

/// A lesson's `exercises.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Two digits, `"01"`.
    pub lesson: String,
    /// The lesson's folder from the workspace root, `"lessons/lesson01"`.
    pub folder: String,
    /// The chapter title.
    pub title: String,
    /// For a lesson graded by loading its module into Python (lesson 08):
    /// the oldest Python 3 minor version it needs, `9` for 3.9. Where there
    /// is none, the course tool leaves the lesson out with one line saying
    /// why, and the rest of the course is unaffected.
    #[serde(default)]
    pub python: Option<u32>,
    #[serde(rename = "exercise")]
    pub exercises: Vec<ExerciseInfo>,
}

/// One `[[exercise]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseInfo {
    /// `"01-3"`: the lesson, a dash, the exercise's number. Ids never change
    /// once published; a new exercise gets the next free number.
    pub id: String,
    /// The file the learner edits, relative to the lesson's folder.
    pub file: String,
    /// A few words on what the exercise builds.
    pub title: String,
    /// What `cargo course hint ID` prints: a nudge (what to think about,
    /// which tool to reach for, which question to ask), with no code that
    /// solves the exercise.
    pub hint: String,
    /// What `cargo course hint ID --more` prints: the fuller hint, code
    /// included, for a learner the nudge did not get moving.
    pub more: String,
}

impl Lesson {
    /// Parses an `exercises.toml`, checking that ids and files follow the
    /// course's conventions.
    pub fn parse(text: &str) -> Result<Lesson, String> {
        let lesson: Lesson = toml::from_str(text).map_err(|e| e.to_string())?;
        for (n, ex) in lesson.exercises.iter().enumerate() {
            let want = format!("{}-{}", lesson.lesson, n + 1);
            if ex.id != want {
                return Err(format!(
                    "exercise {n} has id {:?}, expected {want:?}",
                    ex.id
                ));
            }
            let stem = format!("src/ex{}_", n + 1);
            if !ex.file.starts_with(&stem) || !ex.file.ends_with(".rs") {
                return Err(format!(
                    "exercise {} lives in {:?}; exercise files are named {stem}NAME.rs",
                    ex.id, ex.file
                ));
            }
        }
        Ok(lesson)
    }

    pub fn exercise(&self, id: &str) -> Option<&ExerciseInfo> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

impl ExerciseInfo {
    /// The name of the exercise's module, which is also the name of the
    /// module that holds its tests: `src/ex3_signal.rs` gives `ex3_signal`.
    pub fn module(&self) -> &str {
        self.file.trim_start_matches("src/").trim_end_matches(".rs")
    }
}

/// How a graded test ended, as the first line of its failure message says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The body still holds its `todo!()`.
    NotDone,
    /// An assertion of the suite failed: the code runs but gives the wrong answer.
    Wrong,
    /// The learner's code panicked on its own (an `unwrap`, an index, ...).
    Panicked,
    /// The time limit ran out.
    TimedOut,
}

impl Outcome {
    /// The phrase that follows `exercise NN-N (title)` in a failure message.
    pub fn phrase(self) -> &'static str {
        match self {
            Outcome::NotDone => "is not done yet",
            Outcome::Wrong => "is not right yet",
            Outcome::Panicked => "panicked",
            Outcome::TimedOut => "timed out",
        }
    }

    /// The same phrase in Chinese: `练习 NN-N（标题）` comes before it.
    pub fn phrase_zh(self) -> &'static str {
        match self {
            Outcome::NotDone => "尚未完成",
            Outcome::Wrong => "还不对",
            Outcome::Panicked => "发生了 panic",
            Outcome::TimedOut => "超时了",
        }
    }

    pub const ALL: [Outcome; 4] = [
        Outcome::NotDone,
        Outcome::Wrong,
        Outcome::Panicked,
        Outcome::TimedOut,
    ];
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.phrase())
    }
}

/// The grader for one exercise; see the crate's documentation.
#[derive(Debug)]
pub struct Exercise {
    id: String,
    title: String,
    path: String,
    limit: Duration,
    runtime: Runtime,
    /// The likely mistake the timeout message names when an async test is
    /// stuck on the paused clock; see [`Exercise::if_stuck`].
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
/// learner writes `poll` by hand (pass it to [`Exercise::if_stuck`]).
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

/// The grader for exercise `id` of the lesson whose `exercises.toml` is
/// `lesson_toml`. Panics (failing the test) if the file or the id is wrong,
/// which is a mistake in the suite, not the learner's.
pub fn exercise(lesson_toml: &str, id: &str) -> Exercise {
    let lesson = Lesson::parse(lesson_toml).unwrap_or_else(|e| panic!("exercises.toml: {e}"));
    let info = lesson
        .exercise(id)
        .unwrap_or_else(|| panic!("exercises.toml lists no exercise {id}"));
    let limit = std::env::var("COURSE_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_LIMIT);
    Exercise {
        id: info.id.clone(),
        title: info.title.clone(),
        path: format!("{}/{}", lesson.folder, info.file),
        limit,
        runtime: Runtime::PausedClock,
        stuck: STUCK_AWAIT.to_string(),
    }
}

impl Exercise {
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
    /// unless [`Exercise::multi_thread`] or [`Exercise::real_clock`] said
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
        // futures) is a wrong answer; one raised anywhere else (the learner's `unwrap`, an overflow, an
        // index out of bounds) is a panic in the learner's code.
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

/// A failure message of [`Exercise`]'s (English, as the course tool reads
/// it back) with its verdict lines in Chinese: the first line, the `file:`
/// and `hint:` lines and the "not done yet" advice; `title` is the
/// exercise's Chinese title. What a test's own assertion says stays as it
/// was written (in English). Other text is returned as it is.
pub fn in_chinese(message: &str, title: &str) -> String {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    let Some((id, outcome)) = first.strip_prefix("exercise ").and_then(|rest| {
        let id = rest.split(' ').next()?;
        let outcome = Outcome::ALL
            .into_iter()
            .find(|o| first.ends_with(&format!(") {}.", o.phrase())))?;
        Some((id, outcome))
    }) else {
        return message.to_string();
    };
    let mut out = format!("练习 {id}（{title}）{}。", outcome.phrase_zh());
    for line in lines {
        out.push('\n');
        let open = line
            .trim_start()
            .strip_prefix("Open ")
            .and_then(|l| l.strip_suffix(" and replace the todo!() with your code."));
        if let Some(file) = open {
            out.push_str(&format!("    打开 {file}，把 todo!() 换成你的代码。"));
        } else if let Some(file) = line.strip_prefix("    file: ") {
            out.push_str(&format!("    文件：{file}"));
        } else if let Some(hint) = line.strip_prefix("    hint: ") {
            out.push_str(&format!("    提示：{hint}"));
        } else {
            out.push_str(line);
        }
    }
    out
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
/// exercise threads (their panics are reported by [`Exercise::run`], with
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The verdict lines are translated; the test's own words are not.
    #[test]
    fn verdicts_in_chinese() {
        let english = "exercise 01-2 (polling a future by hand) is not right yet.\n    \
            expected 3 polls, got 1\n    file: lessons/lesson01/src/ex2_poll_by_hand.rs\n    \
            hint: cargo course hint 01-2";
        assert_eq!(
            in_chinese(english, "手动轮询一个 future"),
            "练习 01-2（手动轮询一个 future）还不对。\n    expected 3 polls, got 1\n    \
             文件：lessons/lesson01/src/ex2_poll_by_hand.rs\n    提示：cargo course hint 01-2"
        );
        let not_done = "exercise 01-1 (a countdown future) is not done yet.\n    \
            Open lessons/lesson01/src/ex1_countdown.rs and replace the todo!() with your code.\n    \
            hint: cargo course hint 01-1";
        assert!(
            in_chinese(not_done, "倒计时 future")
                .contains("打开 lessons/lesson01/src/ex1_countdown.rs，把 todo!() 换成你的代码。")
        );
        assert_eq!(in_chinese("some other panic", "x"), "some other panic");
    }
}
