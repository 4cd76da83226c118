//! What `async fn` compiles to, and what "lazy" means.
//!
//! Lesson 01 wrote a coroutine as a hand-made state machine. An `async fn`
//! is the same thing written by the compiler: each `.await` becomes a state
//! in which the future can stop, and the future's size is what it must keep
//! alive across those stops. And like lesson 01's machine, an `async fn`
//! does nothing at all when called: it only builds the value. The work
//! happens when something polls it. Python's `create_task`, by contrast,
//! hands the coroutine to the event loop at once.

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

    /// The order the chapter shows: the spawned task runs at the first
    /// yield, the awaited future when awaited, the other never.
    #[tokio::test]
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

    /// What a future holds across `.await` is what makes it big.
    #[test]
    fn a_buffer_held_across_await_is_in_the_future() {
        let (holds, drops) = future_sizes();
        assert!(holds > 1024, "holds_a_buffer is {holds} bytes");
        assert!(drops < 64, "drops_the_buffer_first is {drops} bytes");
    }
}
