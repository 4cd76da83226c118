//! asyncio's everyday tools and their Rust twins, one module per row of the
//! book's appendix ("asyncio → Rust, side by side").
//!
//! Each row is a pair: `src/rows/NAME.rs` and `python/NAME.py` print the
//! same lines, and `tests/twins.rs` runs both and compares them line for
//! line, so the page cannot claim a twin that behaves differently. A row
//! whose pair differs on purpose says how in [`Row::known`], and the book
//! explains why.

pub mod rows;

/// One row of the appendix: its name (the Rust module and the Python file
/// are both called that) and the Rust program.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// `src/rows/<name>.rs` and `python/<name>.py`.
    pub name: &'static str,
    /// The Rust twin; it prints to standard output, and its error is for
    /// `main` to report.
    pub run: fn() -> std::io::Result<()>,
    /// A difference between the two outputs that the book explains.
    pub known: Option<Known>,
}

/// Where a row's Python prints other lines than its Rust, on purpose: it
/// may print `python` where the Rust prints `rust`, at the same line.
#[derive(Debug, Clone, Copy)]
pub struct Known {
    /// `Some((major, minor))`: only Pythons older than this differ (the
    /// tool is newer); `None`: every Python.
    pub before_python: Option<(u32, u32)>,
    /// (Rust's line, the older Python's line) pairs allowed at one position.
    pub pairs: &'static [(&'static str, &'static str)],
}

/// What a row's `main` returns: most return nothing; those with I/O an
/// `io::Result`. Either becomes the `io::Result` of [`Row::run`].
trait RowOutcome {
    fn into_result(self) -> std::io::Result<()>;
}

impl RowOutcome for () {
    fn into_result(self) -> std::io::Result<()> {
        Ok(())
    }
}

impl RowOutcome for std::io::Result<()> {
    fn into_result(self) -> std::io::Result<()> {
        self
    }
}

macro_rules! rows {
    ($($name:ident $(= $known:expr)?),* $(,)?) => {
        /// Every row, in the book's order.
        pub const ROWS: &[Row] = &[$(Row {
            name: stringify!($name),
            run: || RowOutcome::into_result(rows::$name::main()),
            known: rows!(@known $($known)?),
        }),*];
    };
    (@known) => { None };
    (@known $known:expr) => { Some($known) };
}

rows! {
    run, runner, create_task, gather, gather_errors, wait_first, as_completed,
    wait_for, timeout, reschedule, shield, taskgroup, cancel,
    // tokio 1.54's current-thread runtime wakes the tasks that yielded
    // last-in first-out; asyncio runs them in the order they yielded.
    sleep0 = Known {
        before_python: None,
        pairs: &[("b 1", "a 1"), ("a 1", "b 1")],
    },
    bounded_queue, queue_shutdown, event, lock, semaphore, condition, barrier,
    future, to_thread, blocking, threadsafe, call_later, tcp, child_process, signals, context_vars,
    async_gen, async_with, all_tasks, debug,
    eager = Known {
        before_python: Some((3, 12)),
        pairs: &[
            ("job runs its first step", "create_task returned"),
            ("create_task returned", "job runs its first step"),
        ],
    },
    protocol, async_callback,
}

/// The row called `name`, if there is one.
pub fn row(name: &str) -> Option<&'static Row> {
    ROWS.iter().find(|row| row.name == name)
}
