//! What `async fn` compiles to, and what "lazy" means.
//!
//! Lesson 01 wrote a coroutine as a hand-made state machine. An `async fn`
//! is the same thing written by the compiler: each `.await` becomes a state
//! in which the future can stop, and the future's size is what it must keep
//! alive across those stops. And like lesson 01's machine, an `async fn`
//! does nothing at all when called: it only builds the value. The work
//! happens when something polls it. Python's `create_task`, by contrast,
//! hands the coroutine to the event loop at once, and so does `tokio::spawn`:
//! on a current-thread runtime the task starts at the spawner's first yield;
//! on a multi-thread runtime a worker may start it at once, in parallel.

// ANCHOR: async_fn
use std::sync::{Arc, Mutex};

/// A log shared by the steps below, so tests and the program can see what
/// ran, and in which order.
pub type Log = Arc<Mutex<Vec<String>>>;

/// Writes one line to the log.
pub fn note(log: &Log, line: impl Into<String>) {
    log.lock().expect("log poisoned").push(line.into());
}

/// The seed's `wget` in miniature: say hello, wait for the network, say
/// goodbye. The compiler turns this into a state machine with one state
/// per `.await` (here: before it, stopped at it, finished), exactly like
/// lesson 01's hand-written `Hello`.
pub async fn step(log: Log, name: &'static str) -> &'static str {
    note(&log, format!("{name}: started"));
    tokio::task::yield_now().await; // the one place this future can stop
    note(&log, format!("{name}: finished"));
    name
}
// ANCHOR_END: async_fn

// ANCHOR: lazy
/// Builds two futures, and spawns a third, then yields once. Returns the
/// log: only the spawned one has run. The future that was built but never
/// awaited never runs at all; dropping it is all that ever happens to it.
pub async fn lazy_versus_spawned() -> Vec<String> {
    let log = Log::default();

    let built = step(log.clone(), "built, not awaited"); // nothing runs
    let awaited = step(log.clone(), "awaited");
    let spawned = tokio::spawn(step(log.clone(), "spawned")); // handed to the runtime
    note(&log, "main: three futures exist, one is spawned");

    tokio::task::yield_now().await; // let the runtime run other tasks
    note(&log, "main: yielded once");

    awaited.await; // runs now, inside this task
    spawned.await.expect("the spawned task panicked");
    drop(built); // never polled: it never printed a thing

    log.lock().expect("log poisoned").clone()
}
// ANCHOR_END: lazy

// ANCHOR: parallel
/// Spawns a task from the future that `runtime.block_on` runs (as the body
/// of a `#[tokio::main]` function is run) and then, without ever yielding,
/// blocks this thread on a plain channel for up to `patience`, waiting for
/// the task to say that it has run. Returns whether it had.
///
/// On a current-thread runtime the answer is always no: its one thread is
/// here, blocked, so the task cannot start until this future yields. On a
/// multi-thread runtime `spawn` from outside a worker puts the task in the
/// runtime's global queue and wakes an idle worker, which may run it at
/// once, in parallel with this code, before `spawn` has even returned.
pub fn ran_before_the_spawner_yielded(
    runtime: &tokio::runtime::Runtime,
    patience: std::time::Duration,
) -> bool {
    runtime.block_on(async {
        let (tell, told) = std::sync::mpsc::channel();
        let task = tokio::spawn(async move {
            let _ = tell.send("the spawned task ran");
        });
        // A blocking wait, on purpose: this future does not yield before it ends.
        let ran = told.recv_timeout(patience).is_ok();
        task.await.expect("the spawned task panicked");
        ran
    })
}
// ANCHOR_END: parallel

// ANCHOR: size
/// A future keeps alive whatever it needs after its `.await`s: here a
/// kilobyte buffer, so the future is larger than a kilobyte.
pub async fn holds_a_buffer() -> usize {
    let buffer = [7u8; 1024];
    tokio::task::yield_now().await;
    buffer.iter().map(|&b| b as usize).sum()
}

/// The same work, but the buffer is gone before the `.await`: nothing of it
/// is kept, and the future stays small.
pub async fn drops_the_buffer_first() -> usize {
    let sum = {
        let buffer = [7u8; 1024];
        buffer.iter().map(|&b| b as usize).sum()
    };
    tokio::task::yield_now().await;
    sum
}

/// The sizes, in bytes, of the two futures above (without running them).
pub fn future_sizes() -> (usize, usize) {
    (
        std::mem::size_of_val(&holds_a_buffer()),
        std::mem::size_of_val(&drops_the_buffer_first()),
    )
}
// ANCHOR_END: size

#[cfg(test)]
mod tests {
    use super::*;

    /// The order the chapter shows, on a current-thread runtime (what
    /// `#[tokio::test]` gives): the spawned task runs at the first yield,
    /// the awaited future when awaited, the other never.
    #[tokio::test(flavor = "current_thread")]
    async fn only_polled_futures_run() {
        let log = lazy_versus_spawned().await;
        let want = [
            "main: three futures exist, one is spawned",
            "spawned: started",
            "main: yielded once",
            "awaited: started",
            "spawned: finished",
            "awaited: finished",
        ];
        assert_eq!(log, want);
    }

    /// On a current-thread runtime (what `#[tokio::test]` gives, and the
    /// program's), a spawned task waits for the spawner's first yield: a
    /// spawner that blocks instead finds that nothing ran. Certain, not a
    /// race: the runtime's only thread is the one blocked.
    #[test]
    fn on_a_current_thread_runtime_the_spawned_task_waits_for_a_yield() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime");
        assert!(!ran_before_the_spawner_yielded(
            &runtime,
            std::time::Duration::ZERO
        ));
    }

    /// On the multi-thread runtime (what `#[tokio::main]` gives), a worker
    /// runs the spawned task while the spawner is still blocked, never having
    /// yielded. No race: the spawner waits (10 s at most) until the task has
    /// run, and only a worker running it in parallel can make that happen.
    #[test]
    fn on_a_multi_thread_runtime_the_spawned_task_runs_before_any_yield() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .expect("a multi-thread runtime");
        assert!(
            ran_before_the_spawner_yielded(&runtime, std::time::Duration::from_secs(10)),
            "no worker ran the spawned task within 10 s while the spawner blocked"
        );
    }

    /// What a future holds across `.await` is what makes it big.
    #[test]
    fn a_buffer_held_across_await_is_in_the_future() {
        let (holds, drops) = future_sizes();
        assert!(holds > 1024, "holds_a_buffer is {holds} bytes");
        assert!(drops < 64, "drops_the_buffer_first is {drops} bytes");
    }
}
