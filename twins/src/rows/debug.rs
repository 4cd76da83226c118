//! Debug mode (`PYTHONASYNCIODEBUG=1`, `loop.slow_callback_duration`) →
//! no switch in tokio: tokio-console shows each task's busy time; the
//! nearest without it is timing each poll by hand, as this wrapper does.

// ANCHOR: body
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Warns the first time one poll of the future it wraps (one "step") runs
/// longer than `slow`.
struct Watched<F> {
    inner: Pin<Box<F>>,
    slow: Duration,
    warned: bool,
}

impl<F: Future> Future for Watched<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let start = Instant::now();
        let poll = self.inner.as_mut().poll(cx);
        if start.elapsed() > self.slow && !self.warned {
            self.warned = true;
            println!("warning: a step took over {} ms", self.slow.as_millis());
        }
        poll
    }
}

async fn blocks_the_thread() {
    std::thread::sleep(Duration::from_millis(20)); // the mistake to catch
    tokio::task::yield_now().await;
    println!("fast step done");
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let slow = Duration::from_millis(10);
    let task = tokio::spawn(Watched {
        inner: Box::pin(blocks_the_thread()),
        slow,
        warned: false,
    });
    task.await.expect("the task ran");
}
// ANCHOR_END: body
