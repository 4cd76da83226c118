//! The executor from scratch (`src/executor.rs`), through its public API:
//! outputs come back, timers fire in order and never early, the paused
//! clock costs no real time, wakes from other threads and repeated wakes
//! are handled, a busy task cannot starve a sleep, and finished tasks give
//! their slots back without their late wakes reaching the next task.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use lesson02::executor::{Clock, block_on, block_on_parking, block_on_with, now, sleep, spawn};

/// A deadline is rounded up to the next millisecond: never early.
#[test]
fn timers_round_up_to_the_millisecond() {
    let (waited, _) = block_on_with(Clock::Paused, async {
        let start = now();
        sleep(Duration::from_micros(1500)).await;
        let first = now() - start;
        sleep(Duration::from_millis(3)).await;
        (first, now() - start)
    });
    assert_eq!(waited, (Duration::from_millis(2), Duration::from_millis(5)));
}

/// A future with no `.await` is ready at once.
#[test]
fn block_on_returns_the_output() {
    assert_eq!(block_on(async { 6 * 7 }), 42);
}

/// Spawned tasks run, and their handles give their outputs back.
#[test]
fn spawned_tasks_run_and_join() {
    let (sum, stats) = block_on_with(Clock::Paused, async {
        let handles: Vec<_> = (0..10u64).map(|i| spawn(async move { i * i })).collect();
        let mut sum = 0;
        for h in handles {
            sum += h.await;
        }
        sum
    });
    assert_eq!(sum, 285);
    assert_eq!(stats.spawned, 10);
}

/// Timers fire in deadline order, and on the paused clock the loop's
/// time moves by exactly the sleeps, with no real waiting.
#[test]
fn timers_fire_in_order_on_the_paused_clock() {
    let order = Rc::new(RefCell::new(Vec::new()));
    let real = Instant::now();
    let (took, stats) = block_on_with(Clock::Paused, {
        let order = order.clone();
        async move {
            let start = now();
            let handles: Vec<_> = [3u64, 1, 2]
                .into_iter()
                .map(|s| {
                    let order = order.clone();
                    spawn(async move {
                        sleep(Duration::from_secs(s)).await;
                        order.borrow_mut().push(s);
                    })
                })
                .collect();
            for h in handles {
                h.await;
            }
            now() - start
        }
    });
    assert_eq!(*order.borrow(), [1, 2, 3]);
    assert_eq!(took, Duration::from_secs(3));
    assert_eq!(stats.timers, 3);
    assert!(
        real.elapsed() < Duration::from_secs(1),
        "the paused clock waited for real"
    );
}

/// Ten thousand tasks each sleeping one second take one second in all.
#[test]
fn ten_thousand_sleeps_overlap() {
    let (took, _) = block_on_with(Clock::Paused, async {
        let start = now();
        let handles: Vec<_> = (0..10_000)
            .map(|_| spawn(sleep(Duration::from_secs(1))))
            .collect();
        for h in handles {
            h.await;
        }
        now() - start
    });
    assert_eq!(took, Duration::from_secs(1));
}

/// A waker called from another thread unparks the loop (real clock, no
/// timer: without the unpark this would hang).
#[test]
fn a_wake_from_another_thread_unparks_the_loop() {
    struct WokenElsewhere {
        started: bool,
        done: Arc<AtomicBool>,
    }
    impl Future for WokenElsewhere {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.done.load(Ordering::Acquire) {
                return Poll::Ready(());
            }
            if !self.started {
                self.started = true;
                let (done, waker) = (self.done.clone(), cx.waker().clone());
                thread::spawn(move || {
                    done.store(true, Ordering::Release);
                    waker.wake();
                });
            }
            Poll::Pending
        }
    }
    block_on(WokenElsewhere {
        started: false,
        done: Arc::new(AtomicBool::new(false)),
    });
}

/// A task woken many times before its next poll is polled once.
#[test]
fn repeated_wakes_queue_a_task_once() {
    let polls = Rc::new(Cell::new(0));
    let (_, stats) = block_on_with(Clock::Paused, {
        let polls = polls.clone();
        std::future::poll_fn(move |cx| {
            polls.set(polls.get() + 1);
            if polls.get() == 1 {
                for _ in 0..5 {
                    cx.waker().wake_by_ref();
                }
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        })
    });
    assert_eq!(polls.get(), 2);
    assert_eq!(stats.polls, 2);
}

/// A task that wakes itself on every poll is always ready, and a sleep
/// still ends: the loop wakes due timers on every turn, not only when
/// nothing is ready. On the real clock (the paused one stands still
/// while a task is ready), with a 10-second limit on the spinning.
#[test]
fn a_task_that_keeps_waking_itself_does_not_starve_a_sleep() {
    let (outcome, _) = block_on_with(Clock::Real, async {
        let start = now();
        let limit = Duration::from_secs(10);
        let spins = Rc::new(Cell::new(0u64));
        let spinner = spawn({
            let spins = spins.clone();
            std::future::poll_fn(move |cx| {
                spins.set(spins.get() + 1);
                if now() - start > limit {
                    return Poll::Ready(());
                }
                cx.waker().wake_by_ref();
                Poll::Pending
            })
        });
        sleep(Duration::from_millis(1)).await;
        let slept = now() - start;
        let (spun, spinner_done) = (spins.get(), now() - start > limit);
        drop(spinner);
        (slept, spun, spinner_done)
    });
    let (slept, spun, spinner_done) = outcome;
    assert!(
        !spinner_done,
        "a 1 ms sleep ended only after {slept:?}, when the spinning task gave up: \
         the loop fired no timer while a task was ready"
    );
    assert!(spun > 0, "the spinning task never ran");
}

/// A finished task's slot goes to the next task: 10,000 tasks spawned
/// one after another, each finished before the next starts, need one
/// slot, not 10,000.
#[test]
fn finished_tasks_give_their_slots_back() {
    let (_, stats) = block_on_with(Clock::Paused, async {
        for i in 0..10_000u64 {
            assert_eq!(spawn(async move { i + 1 }).await, i + 1);
        }
        // And ten at once, then ten again: ten slots.
        for _ in 0..2 {
            let handles: Vec<_> = (0..10)
                .map(|_| spawn(sleep(Duration::from_millis(1))))
                .collect();
            for h in handles {
                h.await;
            }
        }
    });
    assert_eq!(stats.spawned, 10_020);
    assert_eq!(
        stats.slots, 10,
        "the task table grew to {} slots for 10,020 tasks, at most 10 of them alive at once",
        stats.slots
    );
}

/// A waker kept after its task finished (here, in a timer that fires
/// late) wakes nothing: the task that took the slot is not polled for it.
#[test]
fn a_late_wake_does_not_reach_the_slots_next_task() {
    let polls = Rc::new(Cell::new(0));
    block_on_with(Clock::Paused, {
        let polls = polls.clone();
        async move {
            // Polls a 1 ms sleep once, then finishes: its timer keeps the waker.
            spawn(std::future::poll_fn(|cx| {
                let mut sleep = std::pin::pin!(sleep(Duration::from_millis(1)));
                let _ = sleep.as_mut().poll(cx);
                Poll::Ready(())
            }))
            .await;
            // The next task takes the freed slot and waits 2 ms.
            let next = spawn(std::future::poll_fn({
                let mut timer = Some(sleep(Duration::from_millis(2)));
                move |cx| {
                    polls.set(polls.get() + 1);
                    match timer.as_mut() {
                        Some(t) => std::pin::Pin::new(t).poll(cx),
                        None => Poll::Ready(()),
                    }
                }
            }));
            next.await;
        }
    });
    assert_eq!(
        polls.get(),
        2,
        "the task that took a finished task's slot was polled {} times, not 2 (once to \
         start, once when its own timer fired): the finished task's late wake reached it",
        polls.get()
    );
}

/// On the paused clock, a loop with nothing that can ever wake it says so.
#[test]
#[should_panic(expected = "nothing can wake them")]
fn a_stuck_loop_on_the_paused_clock_panics() {
    block_on_with(Clock::Paused, std::future::pending::<()>());
}

/// `block_on_parking` calls its function each time the loop is about to
/// wait for real, and only then: never for a future that is ready at once,
/// never on the paused clock (which jumps instead of waiting), and before
/// the wait, so what it writes out is out while the loop sleeps.
#[test]
fn the_before_wait_function_runs_when_the_loop_waits() {
    let waits = Cell::new(0);
    let (output, _) = block_on_parking(Clock::Real, || waits.set(waits.get() + 1), async { 7 });
    assert_eq!(
        (output, waits.get()),
        (7, 0),
        "a ready future needs no wait"
    );

    let (_, stats) = block_on_parking(Clock::Paused, || waits.set(waits.get() + 1), async {
        sleep(Duration::from_secs(5)).await;
    });
    assert_eq!(waits.get(), 0, "the paused clock jumped, so nothing waited");
    assert_eq!(stats.idle_waits, 1);

    let waited_at = Cell::new(None);
    let start = Instant::now();
    block_on_parking(
        Clock::Real,
        || {
            waits.set(waits.get() + 1);
            waited_at.set(Some(start.elapsed()));
        },
        async { sleep(Duration::from_millis(20)).await },
    );
    assert!(
        waits.get() >= 1,
        "a 20 ms sleep on the real clock made the loop wait"
    );
    let first = waited_at.get().expect("called");
    assert!(
        first < Duration::from_millis(20),
        "the function ran {first:?} after the start, not before the 20 ms wait"
    );
}
