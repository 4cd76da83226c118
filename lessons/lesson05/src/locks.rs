//! Trap 2: a lock held across `.await`.
//!
//! Two mutexes, two jobs:
//! - `std::sync::Mutex` for data locked briefly, never across an `.await`.
//!   It is cheap, and its guard is not `Send`: a task that holds one while
//!   it is suspended could not move between the threads of a multi-thread
//!   runtime, so `tokio::spawn` refuses it at compile time, on either
//!   runtime (its `Send` bound does not depend on the runtime). Where
//!   `tokio::spawn` never sees the future (awaited inside another, run by
//!   `block_on`, or given to `tokio::task::spawn_local` on a `LocalSet`,
//!   which asks for no `Send`), the same mistake compiles; on a
//!   current-thread runtime a second task that calls `lock()` then blocks
//!   the only thread for good: a deadlock.
//! - `tokio::sync::Mutex` when the lock must be held across an `.await`
//!   (say, to write a message in several parts with nothing in between).
//!   Its `lock()` is itself awaited, so waiting for it blocks no thread.
//!
//! The mistake, refused by the compiler, is `snippets/guard_across_await.rs`,
//! and its fix is `snippets/guard_dropped.rs`: [`GuardAcrossAwait`] makes
//! them doctests that `cargo test -p lesson05-solution` runs.

use std::future::Future;
use std::sync::Mutex;

/// A `std::sync::MutexGuard` held across `.await` in a task given to
/// `tokio::spawn`: this must not compile ("future cannot be sent between
/// threads safely"; rustc gives that error no code, so the doctest names
/// none). The book quotes the whole message from
/// `snippets/guard_across_await.stderr`.
///
/// ```compile_fail
#[doc = include_str!("../snippets/guard_across_await.rs")]
/// ```
///
/// Its twin, the same code with the guard dropped before the `.await`,
/// compiles: so the guard, and nothing else, is what the compiler refused.
///
/// ```no_run
#[doc = include_str!("../snippets/guard_dropped.rs")]
/// ```
#[derive(Debug)]
pub struct GuardAcrossAwait;

// ANCHOR: held_across
/// The same mistake where the compiler lets it through: nothing spawns
/// this future, so it need not be `Send`. It holds the guard while it
/// waits for `until`, and the lock stays locked all that time. Clippy
/// still sees it (its `await_holding_lock` lint, on by default): only
/// this `allow` lets the course's `-D warnings` build pass.
#[allow(clippy::await_holding_lock)]
pub async fn bump_holding_the_guard(counter: &Mutex<u64>, until: impl Future<Output = ()>) {
    let mut n = counter.lock().unwrap();
    *n += 1;
    until.await; // suspended here, and still holding the lock
}
// ANCHOR_END: held_across

// ANCHOR: async_mutex
/// A message written in parts, each part an `.await`: the lock must stay
/// held across them, or another writer's parts land in between. That is
/// `tokio::sync::Mutex`'s job.
pub async fn write_message(out: &tokio::sync::Mutex<Vec<String>>, who: &str, parts: u32) {
    let mut out = out.lock().await; // waits without blocking the thread
    for part in 0..parts {
        tokio::task::yield_now().await; // another task may run here...
        out.push(format!("{who}:{part}")); // ...but cannot write in between
    }
}
// ANCHOR_END: async_mutex

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;

    /// Polled once, the future stops at its `.await` with the lock held:
    /// `try_lock` fails until it is allowed to finish.
    #[tokio::test(flavor = "current_thread")]
    async fn a_guard_held_across_await_keeps_the_lock_while_suspended() {
        let counter = Mutex::new(0);
        let (go, until) = tokio::sync::oneshot::channel::<()>();
        let mut bump = pin!(bump_holding_the_guard(&counter, async {
            until.await.unwrap();
        }));
        tokio::select! {
            biased;
            () = &mut bump => panic!("it should still be waiting"),
            () = std::future::ready(()) => {} // `bump` was polled once, and waits
        }
        assert!(
            counter.try_lock().is_err(),
            "suspended, it should hold the lock"
        );
        go.send(()).unwrap();
        bump.await;
        assert_eq!(
            *counter.try_lock().unwrap(),
            1,
            "done, it should have let go"
        );
    }

    /// Two writers of three parts each: the parts never interleave.
    #[tokio::test(flavor = "current_thread")]
    async fn an_async_mutex_keeps_each_message_whole() {
        let out = tokio::sync::Mutex::new(Vec::new());
        tokio::join!(write_message(&out, "a", 3), write_message(&out, "b", 3));
        let out = out.into_inner();
        let whole = out == ["a:0", "a:1", "a:2", "b:0", "b:1", "b:2"]
            || out == ["b:0", "b:1", "b:2", "a:0", "a:1", "a:2"];
        assert!(whole, "the messages interleaved: {out:?}");
    }
}
