//! Why a future is pinned, and where to pin it.
//!
//! An `async` block that borrows one of its own locals across an `.await`
//! keeps both the local and the borrow inside the future: a value that
//! points into itself. Moved after its first poll, the borrow would point
//! at the old place. So `Future::poll` takes `Pin<&mut Self>`, a promise
//! that the value stays where it is until it is dropped, and the compiler
//! refuses to hand out such a pin on a future that could be hurt by a move
//! (it is not `Unpin`). This example is checked to fail to compile
//! (`snippets/pin_new_async_block.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/pin_new_async_block.rs"), "```")]
//!
//! An `async fn` that awaits itself is refused too (error E0733), since its
//! future would contain itself (`snippets/recursion_unboxed.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/recursion_unboxed.rs"), "```")]

use std::pin::pin;
use std::time::Duration;

use futures::StreamExt;
use tokio::time::Instant;

// ANCHOR: self_borrow
/// A future that holds a 64-byte buffer and, across an `.await`, a slice
/// of it: 64 bytes plus the slice's pointer and length, plus the state.
pub async fn self_borrowing() -> u8 {
    let buffer = [7u8; 64];
    let head: &[u8] = &buffer[..4]; // points into this future's own state
    tokio::task::yield_now().await; // ...and is kept across the await
    head[0]
}
// ANCHOR_END: self_borrow

// ANCHOR: unpin
/// Compiles only for a type that is `Unpin`: one that a move cannot hurt.
pub fn assert_unpin<T: Unpin>(_: &T) {}

/// The futures that are `Unpin` whatever they hold: a ready value, and any
/// future behind a pinned box (the box moves, its contents do not).
pub fn unpin_examples() {
    assert_unpin(&std::future::ready(1));
    assert_unpin(&Box::pin(self_borrowing()));
    assert_unpin(&tokio::sync::oneshot::channel::<u8>().1);
}
// ANCHOR_END: unpin

// ANCHOR: keep_across_turns
/// Adds 1 to 5 with a pause of `step` before each, while a ticker counts
/// the `tick`s that pass. The sum is one future, pinned on the stack once
/// and polled through `&mut` on every turn of the loop, so it keeps its
/// progress: `select!` on a fresh `slow_sum` each turn would start it over
/// at every tick and, with ticks faster than its steps, never finish.
/// Returns the sum and the ticks counted.
pub async fn sum_while_ticking(step: Duration, tick: Duration) -> (u32, u32) {
    let mut sum = pin!(slow_sum(step));
    let mut ticker = tokio::time::interval_at(Instant::now() + tick, tick);
    let mut ticks = 0;
    loop {
        tokio::select! {
            total = &mut sum => return (total, ticks),
            _ = ticker.tick() => ticks += 1,
        }
    }
}

async fn slow_sum(step: Duration) -> u32 {
    let mut total = 0;
    for n in 1..=5 {
        tokio::time::sleep(step).await;
        total += n;
    }
    total
}
// ANCHOR_END: keep_across_turns

// ANCHOR: stream_next
/// The first three squares from a stream made by `stream::unfold`, whose
/// state machine holds the closure's future and so is not `Unpin`:
/// `StreamExt::next` wants `Unpin`, so the stream is pinned first.
pub async fn first_squares() -> Vec<u32> {
    let squares = futures::stream::unfold(1u32, |n| async move {
        tokio::task::yield_now().await;
        Some((n * n, n + 1))
    });
    let mut squares = pin!(squares);
    let mut got = Vec::new();
    while let Some(square) = squares.next().await {
        got.push(square);
        if got.len() == 3 {
            break;
        }
    }
    got
}
// ANCHOR_END: stream_next

// ANCHOR: recursion
/// `n` levels deep, one `.await` each: the inner call is boxed, so each
/// level's future is a pointer in its parent's state, not a copy of itself.
pub async fn depth(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    Box::pin(depth(n - 1)).await + 1
}
// ANCHOR_END: recursion

#[cfg(test)]
mod tests {
    use super::*;

    /// The self-borrowing future holds its buffer: bigger than 64 bytes.
    #[test]
    fn the_future_holds_its_buffer() {
        let size = std::mem::size_of_val(&self_borrowing());
        assert!(
            size > 64,
            "the future is {size} bytes; the buffer alone is 64"
        );
        unpin_examples();
    }

    /// The pinned sum finishes while ticks keep coming: 5 steps of 300 ms,
    /// a tick every 200 ms, so 7 ticks before the sum at 1500 ms (no tick
    /// falls at the same instant, so `select!`'s random order cannot tell).
    #[tokio::test(start_paused = true)]
    async fn the_pinned_sum_keeps_its_progress() {
        let run = sum_while_ticking(Duration::from_millis(300), Duration::from_millis(200));
        let (sum, ticks) = tokio::time::timeout(Duration::from_secs(10), run)
            .await
            .expect("the sum never finished");
        assert_eq!((sum, ticks), (15, 7));
    }

    #[tokio::test(start_paused = true)]
    async fn streams_and_recursion() {
        let wait = Duration::from_secs(1);
        let squares = tokio::time::timeout(wait, first_squares()).await;
        assert_eq!(squares, Ok(vec![1, 4, 9]));
        assert_eq!(tokio::time::timeout(wait, depth(100)).await, Ok(100));
    }
}
