//! A plain thread pool: a few OS threads that take jobs from one bounded
//! queue.
//!
//! The note (passage P2) says CPU-bound work needs several processes next to
//! the coroutines. In Rust the same idea costs less: several threads in one
//! process, sharing memory safely. This pool is deliberately small (a crate
//! such as rayon does the same with work stealing and much more); what
//! matters here is the shape: the async side hands a job over, the pool's
//! threads run it, and the answer travels back through a
//! `tokio::sync::oneshot` channel that the async side awaits (see
//! [`crate::cores`] and exercise 05-2).
//!
//! The queue is bounded, as chapter 6 asks of every queue: at most one job
//! per thread waits in it. [`Pool::execute`] is async, and a caller that hands
//! jobs over faster than the threads finish them waits there, for room,
//! without blocking its thread: the wait is a `tokio::sync::Semaphore`'s
//! `acquire_owned().await`, which gives the runtime's thread back like any
//! other `.await` that is pending.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

use tokio::sync::Semaphore;

type Job = Box<dyn FnOnce() + Send + 'static>;

// ANCHOR: pool
/// A fixed number of threads that run the jobs given to [`Pool::execute`],
/// first come, first served, with room for as many jobs waiting as there
/// are threads.
#[derive(Debug)]
pub struct Pool {
    queue: Option<mpsc::Sender<Job>>,
    /// One permit per free place in the queue: a job holds one from the
    /// moment it is queued until a thread takes it.
    room: Arc<Semaphore>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `threads` threads named `{name}-0`, `{name}-1`, ..., with a
    /// queue that holds at most `threads` jobs waiting for one of them.
    pub fn new(threads: usize, name: &str) -> Pool {
        assert!(threads > 0, "a pool needs at least one thread");
        let (queue, jobs) = mpsc::channel::<Job>();
        let jobs = Arc::new(Mutex::new(jobs));
        let workers = (0..threads)
            .map(|i| {
                let jobs = Arc::clone(&jobs);
                std::thread::Builder::new()
                    .name(format!("{name}-{i}"))
                    .spawn(move || {
                        loop {
                            // The lock is held only while taking a job, not
                            // while running it.
                            let next = jobs.lock().expect("pool queue poisoned").recv();
                            let Ok(job) = next else { break }; // the pool was dropped
                            // A job that panics must not take its thread with it.
                            let _ = catch_unwind(AssertUnwindSafe(job));
                        }
                    })
                    .expect("could not start a pool thread")
            })
            .collect();
        Pool {
            queue: Some(queue),
            room: Arc::new(Semaphore::new(threads)),
            workers,
        }
    }

    /// Queues `job`, first waiting for room in the queue if it is full; one
    /// of the pool's threads runs it when it is free. The wait blocks no
    /// thread: the task awaiting it gives its thread back to the runtime,
    /// and if it is cancelled (dropped) meanwhile, nothing is queued.
    pub async fn execute(&self, job: impl FnOnce() + Send + 'static) {
        let place = Arc::clone(&self.room)
            .acquire_owned()
            .await
            .expect("the pool never closes its semaphore");
        if let Some(queue) = &self.queue {
            // Sending fails only if every worker is gone, which cannot
            // happen while `self` lives: workers leave only when the queue
            // closes in `drop`.
            let _ = queue.send(Box::new(move || {
                drop(place); // taken off the queue: its place is free again
                job();
            }));
        }
    }

    /// How many threads the pool runs.
    pub fn threads(&self) -> usize {
        self.workers.len()
    }
}

impl Drop for Pool {
    /// Closes the queue, lets the threads finish the jobs already queued,
    /// and waits for them.
    fn drop(&mut self) {
        self.queue.take();
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
// ANCHOR_END: pool

#[cfg(test)]
mod tests {
    use super::*;

    use std::future::Future;
    use std::task::Poll;
    use std::time::Duration;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime")
    }

    /// Every job runs, on the pool's own named threads, and a panicking job
    /// leaves the pool working.
    #[test]
    fn runs_every_job_on_its_threads_and_survives_a_panic() {
        let (tx, rx) = mpsc::channel();
        runtime().block_on(async {
            let pool = Pool::new(2, "test-pool");
            assert_eq!(pool.threads(), 2);
            pool.execute(|| panic!("a job that panics (expected in this test)"))
                .await;
            for i in 0..10 {
                let tx = tx.clone();
                pool.execute(move || {
                    let name = std::thread::current().name().map(str::to_owned);
                    tx.send((i, name)).unwrap();
                })
                .await;
            }
        }); // dropping the pool waits for the queued jobs
        drop(tx);
        let mut done: Vec<_> = rx.iter().collect();
        done.sort();
        assert_eq!(done.len(), 10, "every job after the panic should still run");
        for (_, name) in done {
            let name = name.unwrap_or_default();
            assert!(name.starts_with("test-pool-"), "ran on {name:?}");
        }
    }

    /// With its one thread busy and its one place taken, the pool makes the
    /// next `execute` wait (pending, the thread not blocked) until the
    /// thread takes the waiting job. No race: the busy job holds the thread
    /// until the test lets it go, and the waiting job cannot start before.
    #[test]
    fn a_full_queue_makes_the_caller_wait_without_blocking() {
        runtime().block_on(async {
            let pool = Pool::new(1, "test-pool");
            let (release, gate) = mpsc::channel::<()>();
            let (started, heard) = mpsc::channel::<&str>();
            let first = started.clone();
            pool.execute(move || {
                let _ = first.send("busy");
                let _ = gate.recv_timeout(Duration::from_secs(10));
            })
            .await;
            let second = started.clone();
            pool.execute(move || {
                let _ = second.send("queued");
            })
            .await;
            let mut third = std::pin::pin!(pool.execute(move || {
                let _ = started.send("third");
            }));
            let waited =
                std::future::poll_fn(|cx| Poll::Ready(third.as_mut().poll(cx).is_pending())).await;
            assert!(
                waited,
                "a third job was queued while the one place was taken"
            );
            release.send(()).expect("the busy job is waiting for this");
            tokio::time::timeout(Duration::from_secs(10), third)
                .await
                .expect("the third job got no room once the queued one started");
            let order: Vec<_> = (0..3)
                .map(|_| {
                    heard
                        .recv_timeout(Duration::from_secs(10))
                        .expect("every job runs")
                })
                .collect();
            assert_eq!(order, ["busy", "queued", "third"]);
        });
    }
}
