//! What becomes of a panic in a task (chapter 10, "Panics in tasks").

use std::any::Any;

// ANCHOR: lost
/// Spawns a task that panics and never looks at it again. The runtime
/// catches the panic (the task ends, the program does not), the panic hook
/// prints it to standard error, and nothing else ever hears of it.
pub async fn a_lost_panic() {
    let _forgotten = tokio::spawn(async {
        panic!("job 3 failed");
    });
    // Let the task run; nothing here can learn that it failed.
    tokio::task::yield_now().await;
}
// ANCHOR_END: lost

// ANCHOR: payload
/// The text a panic was raised with (`panic!("…")` gives a `&str` or a
/// `String`), or a placeholder for any other payload.
pub fn panic_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic that is not text".to_string()
    }
}
// ANCHOR_END: payload

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::task::JoinSet;
    use tokio::time::timeout;

    // ANCHOR: join_error
    /// Awaiting the handle is where a task's panic comes back: a
    /// `JoinError` that says it was a panic and gives up its payload (which
    /// `std::panic::resume_unwind` would raise again, here).
    #[tokio::test(start_paused = true)]
    async fn the_handle_brings_the_panic_back() {
        let task = tokio::spawn(async { panic!("job 3 failed") });
        let joined = timeout(Duration::from_secs(5), task).await.unwrap();
        let error = joined.expect_err("the task panicked");
        assert!(error.is_panic() && !error.is_cancelled());
        assert_eq!(panic_text(&*error.into_panic()), "job 3 failed");
    }
    // ANCHOR_END: join_error

    // ANCHOR: join_set
    /// A `JoinSet` hands back each task's result as it ends, panics
    /// included; `join_next` is `None` once the set is empty.
    #[tokio::test(start_paused = true)]
    async fn a_join_set_reports_every_task() {
        let mut jobs = JoinSet::new();
        for n in [1u32, 2, 3] {
            jobs.spawn(async move { if n == 2 { panic!("job {n} failed") } else { n } });
        }
        let (mut done, mut panicked) = (0, 0);
        while let Ok(Some(result)) = timeout(Duration::from_secs(5), jobs.join_next()).await {
            match result {
                Ok(_) => done += 1,
                Err(e) if e.is_panic() => panicked += 1,
                Err(e) => panic!("cancelled, not expected: {e}"),
            }
        }
        assert_eq!((done, panicked), (2, 1));
    }
    // ANCHOR_END: join_set
}
