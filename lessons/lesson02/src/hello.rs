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

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::executor;

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
    /// To standard output, one line each, as `hello.py` prints them.
    Stdout,
    /// Into memory, for tests.
    Capture(Mutex<Vec<String>>),
}

impl Out {
    fn line(&self, make: impl FnOnce() -> String) {
        match self {
            Out::Quiet => {}
            Out::Stdout => {
                let mut line = make();
                line.push('\n');
                // A closed pipe (`| head`) is not worth a panic.
                let _ = std::io::stdout().lock().write_all(line.as_bytes());
            }
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
#[derive(Debug, Default)]
pub struct Tally {
    seen: Mutex<BTreeMap<String, usize>>,
}

impl Tally {
    /// Counts one task for the thread this is called on.
    fn count_here(&self) {
        let name = this_thread();
        *self
            .seen
            .lock()
            .expect("tally poisoned")
            .entry(name)
            .or_default() += 1;
    }

    /// Tasks counted per thread so far.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        self.seen.lock().expect("tally poisoned").clone()
    }
}

/// This thread as the greetings show it: its name and id, the way Python
/// shows `threading.current_thread()`.
pub fn this_thread() -> String {
    let t = std::thread::current();
    format!("<{}, {:?}>", t.name().unwrap_or("unnamed"), t.id())
}

// ANCHOR: hello
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
    /// Tasks per thread that ran them (thread as [`this_thread`] shows it).
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
/// Runs `tasks` hellos on `runtime`, writing greetings to `out`: the
/// note's `loop.run_until_complete(asyncio.wait(tasks))`, three ways.
pub fn run(runtime: Runtime, tasks: usize, out: Arc<Out>) -> std::io::Result<Run> {
    let tally = Arc::new(Tally::default());
    let wall = match runtime {
        Runtime::Own => executor::block_on(async {
            let start = Instant::now();
            let handles: Vec<_> = (0..tasks)
                .map(|i| executor::spawn(hello(i, out.clone(), tally.clone(), executor::sleep)))
                .collect();
            for handle in handles {
                handle.await;
            }
            start.elapsed()
        }),
        Runtime::Current | Runtime::Multi => {
            let mut builder = match runtime {
                Runtime::Current => tokio::runtime::Builder::new_current_thread(),
                _ => tokio::runtime::Builder::new_multi_thread(),
            };
            let rt = builder.enable_time().build()?;
            rt.block_on(async {
                let start = Instant::now();
                let handles: Vec<_> = (0..tasks)
                    .map(|i| tokio::spawn(hello(i, out.clone(), tally.clone(), tokio::time::sleep)))
                    .collect();
                for handle in handles {
                    handle.await.expect("a hello task panicked");
                }
                start.elapsed()
            })
        }
    };
    Ok(Run {
        runtime,
        tasks,
        wall,
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
