//! Trap 3: why `tokio::spawn` wants `'static` and `Send`, and the ways out.
//!
//! `tokio::spawn` hands a task to the runtime, which may run it after the
//! function that spawned it has returned, and, on a multi-thread runtime, on
//! any of its threads. So the task may borrow nothing from the spawner's
//! stack (`'static`), and everything it holds across an `.await` must be
//! safe to move between threads (`Send`). asyncio's `create_task` asks
//! neither, because Python's tasks share one thread and a garbage
//! collector. The two mistakes the compiler refuses are in `snippets/`, as
//! `compile_fail` tests on [`SpawnBorrows`] and [`SpawnRc`].

use std::sync::Arc;

use tokio::task::JoinSet;

/// A task that borrows a local: refused with E0597, "`texts` does not
/// live long enough" (`snippets/spawn_borrows.stderr`). Stable rustdoc does
/// not check a `compile_fail` test's error code, so none is written here;
/// the twin, where each task owns its text (`async move`), compiles.
///
/// ```compile_fail
#[doc = include_str!("../snippets/spawn_borrows.rs")]
/// ```
///
/// ```no_run
#[doc = include_str!("../snippets/spawn_owns.rs")]
/// ```
#[derive(Debug)]
pub struct SpawnBorrows;

/// A task that holds an `Rc` across `.await`: refused with "future cannot
/// be sent between threads safely" (`snippets/spawn_rc.stderr`; no error
/// code). Its twin, with `Arc`, compiles.
///
/// ```compile_fail
#[doc = include_str!("../snippets/spawn_rc.rs")]
/// ```
///
/// ```no_run
#[doc = include_str!("../snippets/spawn_arc.rs")]
/// ```
#[derive(Debug)]
pub struct SpawnRc;

/// The work each task does.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

// ANCHOR: by_move
/// Way out 1: give each task what it needs to own, with `async move`.
pub async fn total_words_by_move(texts: Vec<String>) -> usize {
    let mut tasks = Vec::new();
    for text in texts {
        tasks.push(tokio::spawn(async move { count_words(&text) }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("a task panicked");
    }
    total
}
// ANCHOR_END: by_move

// ANCHOR: by_arc
/// Way out 2: share one copy among the tasks with `Arc` (an atomic `Rc`,
/// so it is `Send`); each task owns a clone of the pointer.
pub async fn total_words_by_arc(texts: Arc<Vec<String>>) -> usize {
    let mut tasks = Vec::new();
    for i in 0..texts.len() {
        let texts = Arc::clone(&texts);
        tasks.push(tokio::spawn(async move { count_words(&texts[i]) }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("a task panicked");
    }
    total
}
// ANCHOR_END: by_arc

// ANCHOR: by_joinset
/// Way out 3: a `JoinSet` owns its tasks. They still own their data, but
/// they cannot be forgotten: `join_all` waits for every one, and dropping
/// the set aborts those still running, so no task outlives the work that
/// started it.
pub async fn total_words_by_joinset(texts: Vec<String>) -> usize {
    let mut tasks = JoinSet::new();
    for text in texts {
        tasks.spawn(async move { count_words(&text) });
    }
    tasks.join_all().await.into_iter().sum()
}
// ANCHOR_END: by_joinset

#[cfg(test)]
mod tests {
    use super::*;

    /// The three ways out give the same answer on a multi-thread runtime.
    #[test]
    fn three_ways_out_agree() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let texts: Vec<String> = ["one two", "three", "", "four five six"]
            .map(String::from)
            .to_vec();
        let shared = Arc::new(texts.clone());
        runtime.block_on(async {
            assert_eq!(total_words_by_move(texts.clone()).await, 6);
            assert_eq!(total_words_by_arc(shared).await, 6);
            assert_eq!(total_words_by_joinset(texts).await, 6);
        });
    }
}
