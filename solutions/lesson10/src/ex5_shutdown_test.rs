//! Exercise 10-5: a test that catches a task outliving a shutdown.
//!
//! Write the test once more. `shutdown_is_tested(run_and_stop)` gets a
//! function with the contract of [`crate::shutdown::run_and_stop`]: given
//! a sender, it starts workers that each hold a clone of it, stops them,
//! and returns only when every one has ended. Your test must panic unless,
//! the moment it returns, no clone of the sender is left anywhere. Keep the
//! receiver: its `try_recv` reads `Disconnected` once every sender is gone,
//! and `Empty` while one is still held. The grader runs your test against
//! the right function (it must pass) and two faulty ones in `faulty.rs`
//! (each must fail): one that forgets a worker that never stops, one that
//! tells the workers to stop but returns before they have.
//!
//! Edit this file only. Check it with `cargo test -p lesson10 ex5`.

use tokio::sync::mpsc;

/// Panics unless `run_and_stop` returns, leaving no worker alive.
pub async fn shutdown_is_tested(run_and_stop: impl AsyncFn(mpsc::Sender<()>)) {
    // TODO: make a channel, pass `run_and_stop` its sender inside
    // `tokio::time::timeout`, and check at once, with `try_recv`, that
    // every sender is gone.
    use std::time::Duration;
    use tokio::sync::mpsc::error::TryRecvError;

    let (alive, mut gone) = mpsc::channel::<()>(1);
    let stopped = tokio::time::timeout(Duration::from_secs(60), run_and_stop(alive)).await;
    assert!(stopped.is_ok(), "run_and_stop never returned");
    assert_eq!(
        gone.try_recv(),
        Err(TryRecvError::Disconnected),
        "a worker outlived it"
    );
}
