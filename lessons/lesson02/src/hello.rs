//! The note's `hello.py` (passage C1) in Rust, on three event loops.
//!
//! `hello.py` starts 10,000 coroutines; each prints its index and thread,
//! sleeps one second, and prints again. Because they all sleep at the same
//! time, the whole run takes about one second: that second is the *floor*,
//! and how far above it a run lands is what the event loop costs.
//!
//! The same `hello` runs here on three loops:
//! - [`Runtime::Own`]: the executor from scratch in [`crate::executor`];
//! - [`Runtime::Current`]: tokio's current-thread runtime, the closest thing
//!   to `asyncio`'s one loop on one thread;
//! - [`Runtime::Multi`]: tokio's multi-thread runtime, whose worker threads
//!   (one per core by default) share the tasks between them.
//!
//! Each run records which threads its tasks ran on, so the program can show
//! the difference.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Instant;

/// How long each `hello` sleeps: the note's one second.
pub const SLEEP: Duration = Duration::from_secs(1);

/// Which event loop runs the tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// The executor from scratch, [`crate::executor`].
    Own,
    /// tokio's current-thread runtime.
    Current,
    /// tokio's multi-thread runtime, one worker per core.
    Multi,
}

impl Runtime {
    pub const ALL: [Runtime; 3] = [Runtime::Own, Runtime::Current, Runtime::Multi];

    /// The name used on the command line and in the summary line.
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Own => "own",
            Runtime::Current => "current",
            Runtime::Multi => "multi",
        }
    }

    pub fn parse(s: &str) -> Option<Runtime> {
        Runtime::ALL.into_iter().find(|r| r.name() == s)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Runtime::Own => "the executor from scratch (one thread)",
            Runtime::Current => "tokio, current-thread runtime",
            Runtime::Multi => "tokio, multi-thread runtime",
        }
    }
}

/// Where the greetings go.
#[derive(Debug)]
pub enum Out {
    /// Nowhere: only the summary counts.
    Quiet,
    /// To standard output, as `hello.py` prints them, through
    /// [`buffered_stdout`](crate::buffered_stdout): out whenever the loop waits.
    Stdout,
    /// Into memory, for tests.
    Capture(Mutex<Vec<String>>),
}

impl Out {
    fn line(&self, make: impl FnOnce() -> String) {
        match self {
            Out::Quiet => {}
            Out::Stdout => crate::buffered_stdout::line(format_args!("{}", make())),
            Out::Capture(lines) => lines.lock().expect("capture poisoned").push(make()),
        }
    }

    /// The captured lines (empty unless this is `Capture`).
    pub fn captured(&self) -> Vec<String> {
        match self {
            Out::Capture(lines) => lines.lock().expect("capture poisoned").clone(),
            _ => Vec::new(),
        }
    }
}

/// Which threads ran how many tasks.
///
/// Counting must not cost more than the task itself, or the measurement
/// measures the counting: each thread keeps its own counter (found through
/// a thread-local), so a task adds one to an atomic no other thread
/// touches, and the shared list is locked once per thread, not per task.
#[derive(Debug)]
pub struct Tally {
    threads: Mutex<Vec<(String, Arc<AtomicUsize>)>>,
    /// When the tally was made: the run's start.
    start: Instant,
    /// The latest moment a task greeted, in nanoseconds since `start`.
    last_greeting: AtomicU64,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            threads: Mutex::default(),
            start: Instant::now(),
            last_greeting: AtomicU64::new(0),
        }
    }
}

thread_local! {
    /// This thread's counter, and the tally it belongs to. A `Weak`, which
    /// keeps the tally's memory from being reused by another while cached.
    static COUNTER: RefCell<Option<(Weak<Tally>, Arc<AtomicUsize>)>> = const { RefCell::new(None) };
}

impl Tally {
    /// Counts one task for the thread this is called on.
    fn count_here(self: &Arc<Self>) {
        let since = u64::try_from(self.start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.last_greeting.fetch_max(since, Ordering::Relaxed);
        COUNTER.with(|slot| {
            let mut slot = slot.borrow_mut();
            match &*slot {
                Some((owner, counter)) if std::ptr::eq(owner.as_ptr(), Arc::as_ptr(self)) => {
                    counter.fetch_add(1, Ordering::Relaxed);
                }
                _ => {
                    let counter = Arc::new(AtomicUsize::new(1));
                    self.threads
                        .lock()
                        .expect("tally poisoned")
                        .push((this_thread(), counter.clone()));
                    *slot = Some((Arc::downgrade(self), counter));
                }
            }
        });
    }

    /// From the tally's making until the last task greeted.
    pub fn last_greeting(&self) -> Duration {
        Duration::from_nanos(self.last_greeting.load(Ordering::Relaxed))
    }

    /// Tasks counted per thread so far.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        let threads = self.threads.lock().expect("tally poisoned");
        let mut counts = BTreeMap::new();
        for (name, counter) in threads.iter() {
            *counts.entry(name.clone()).or_default() += counter.load(Ordering::Relaxed);
        }
        counts
    }
}

/// This thread as the greetings show it: its name and id, the way Python
/// shows `threading.current_thread()`.
pub fn this_thread() -> String {
    let t = std::thread::current();
    format!("<{}, {:?}>", t.name().unwrap_or("unnamed"), t.id())
}

// ANCHOR: hello
use std::future::Future;
use std::time::Duration;

/// The note's coroutine: greet, sleep, greet again. `sleep` is the loop's
/// own sleep function, since each loop keeps its own timers.
pub async fn hello<S: Future<Output = ()>>(
    index: usize,
    out: Arc<Out>,
    tally: Arc<Tally>,
    sleep: impl FnOnce(Duration) -> S,
) {
    tally.count_here();
    out.line(|| format!("hello world! index={index},thread={}", this_thread()));
    sleep(SLEEP).await;
    out.line(|| format!("hello again! index={index},thread={}", this_thread()));
}
// ANCHOR_END: hello

/// What one run of `hello` measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub runtime: Runtime,
    pub tasks: usize,
    /// From the first spawn until the last task finished.
    pub wall: Duration,
    /// From the first spawn until the last task had greeted and started its
    /// sleep: the last task's second begins only then, so this is most of
    /// what a run spends above the floor.
    pub started: Duration,
    /// Tasks per thread they began on (thread as [`this_thread`] shows it).
    pub threads: BTreeMap<String, usize>,
}

impl Run {
    /// How far above the one-second floor the run finished, in percent.
    pub fn over_floor_pct(&self) -> f64 {
        (self.wall.as_secs_f64() / SLEEP.as_secs_f64() - 1.0) * 100.0
    }
}

impl fmt::Display for Run {
    /// A human summary; the program's machine-readable line is in `main.rs`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} tasks on {}: {:.3} s, {:+.2}% against the {} s floor, on {} thread(s)",
            self.tasks,
            self.runtime.describe(),
            self.wall.as_secs_f64(),
            self.over_floor_pct(),
            SLEEP.as_secs(),
            self.threads.len()
        )
    }
}

// ANCHOR: run
use crate::{buffered_stdout, executor};

/// Runs `tasks` hellos on `runtime`, writing greetings to `out`: the
/// note's `loop.run_until_complete(asyncio.wait(tasks))`, three ways.
pub fn run(runtime: Runtime, tasks: usize, out: Arc<Out>) -> std::io::Result<Run> {
    // The greetings are written out whenever the loop is about to wait.
    let tally = match runtime {
        Runtime::Own => {
            executor::block_on_parking(executor::Clock::Real, buffered_stdout::flush, async {
                let tally = Arc::new(Tally::default()); // the clock starts here
                let handles: Vec<_> = (0..tasks)
                    .map(|i| executor::spawn(hello(i, out.clone(), tally.clone(), executor::sleep)))
                    .collect();
                for handle in handles {
                    handle.await;
                }
                tally
            })
            .0
        }
        Runtime::Current | Runtime::Multi => {
            let mut builder = match runtime {
                Runtime::Current => tokio::runtime::Builder::new_current_thread(),
                _ => tokio::runtime::Builder::new_multi_thread(),
            };
            let rt = builder
                .enable_time()
                .on_thread_park(buffered_stdout::flush)
                .build()?;
            rt.block_on(async {
                let tally = Arc::new(Tally::default());
                let handles: Vec<_> = (0..tasks)
                    .map(|i| tokio::spawn(hello(i, out.clone(), tally.clone(), tokio::time::sleep)))
                    .collect();
                for handle in handles {
                    handle.await.expect("a hello task panicked");
                }
                tally
            })
        }
    };
    buffered_stdout::flush();
    Ok(Run {
        runtime,
        tasks,
        wall: tally.start.elapsed(),
        started: tally.last_greeting(),
        threads: tally.counts(),
    })
}
// ANCHOR_END: run

#[cfg(test)]
mod tests {
    use super::*;

    /// On the own executor (paused clock), every task greets twice, all
    /// first greetings come before any second one, one thread ran them all,
    /// and the run took the one second of the sleeps.
    #[test]
    fn hello_on_the_own_executor_greets_twice_each() {
        let out = Arc::new(Out::Capture(Mutex::default()));
        let tally = Arc::new(Tally::default());
        let (took, _) = executor::block_on_with(executor::Clock::Paused, {
            let (out, tally) = (out.clone(), tally.clone());
            async move {
                let start = executor::now();
                let handles: Vec<_> = (0..100)
                    .map(|i| executor::spawn(hello(i, out.clone(), tally.clone(), executor::sleep)))
                    .collect();
                for h in handles {
                    h.await;
                }
                executor::now() - start
            }
        });
        assert_eq!(took, SLEEP);
        let lines = out.captured();
        assert_eq!(lines.len(), 200);
        let here = this_thread();
        for (i, line) in lines[..100].iter().enumerate() {
            assert_eq!(line, &format!("hello world! index={i},thread={here}"));
        }
        for (i, line) in lines[100..].iter().enumerate() {
            assert_eq!(line, &format!("hello again! index={i},thread={here}"));
        }
        assert_eq!(tally.counts(), BTreeMap::from([(here, 100)]));
    }

    /// On tokio's multi-thread runtime no task runs on the thread that
    /// called `block_on`: spawned tasks go to the worker threads.
    #[test]
    fn multi_thread_tasks_run_on_workers() {
        let tally = Arc::new(Tally::default());
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        rt.block_on(async {
            let handles: Vec<_> = (0..50)
                .map(|_| {
                    let tally = tally.clone();
                    tokio::spawn(async move { tally.count_here() })
                })
                .collect();
            for h in handles {
                h.await.unwrap();
            }
        });
        let counts = tally.counts();
        assert_eq!(counts.values().sum::<usize>(), 50);
        assert!(!counts.contains_key(&this_thread()), "{counts:?}");
        assert!(counts.len() <= 2, "{counts:?}");
    }

    /// The names on the command line round-trip.
    #[test]
    fn runtime_names_round_trip() {
        for r in Runtime::ALL {
            assert_eq!(Runtime::parse(r.name()), Some(r));
        }
        assert_eq!(Runtime::parse("asyncio"), None);
    }
}
