//! A plain thread pool: a few OS threads that take jobs from one queue.
//!
//! The note (passage P2) says CPU-bound work needs several processes next to
//! the coroutines. In Rust the same idea costs less: several threads in one
//! process, sharing memory safely. This pool is deliberately small (a crate
//! such as rayon does the same with work stealing and much more); what
//! matters here is the shape: the async side hands a job over, the pool's
//! threads run it, and the answer travels back through a
//! `tokio::sync::oneshot` channel that the async side awaits (see
//! [`crate::cores`] and exercise 05-2).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

type Job = Box<dyn FnOnce() + Send + 'static>;

// ANCHOR: pool
/// A fixed number of threads that run the jobs given to [`Pool::execute`],
/// first come, first served.
#[derive(Debug)]
pub struct Pool {
    queue: Option<mpsc::Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl Pool {
    /// Starts `threads` threads named `{name}-0`, `{name}-1`, ...
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
            workers,
        }
    }

    /// Queues `job`; one of the pool's threads runs it when it is free.
    /// Never blocks, so it is fine to call from async code.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        if let Some(queue) = &self.queue {
            // Sending fails only if every worker is gone, which cannot
            // happen while `self` lives: workers leave only when the queue
            // closes in `drop`.
            let _ = queue.send(Box::new(job));
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

    /// Every job runs, on the pool's own named threads, and a panicking job
    /// leaves the pool working.
    #[test]
    fn runs_every_job_on_its_threads_and_survives_a_panic() {
        let (tx, rx) = mpsc::channel();
        {
            let pool = Pool::new(2, "test-pool");
            assert_eq!(pool.threads(), 2);
            pool.execute(|| panic!("a job that panics (expected in this test)"));
            for i in 0..10 {
                let tx = tx.clone();
                pool.execute(move || {
                    let name = std::thread::current().name().map(str::to_owned);
                    tx.send((i, name)).unwrap();
                });
            }
        } // dropping the pool waits for the queued jobs
        drop(tx);
        let mut done: Vec<_> = rx.iter().collect();
        done.sort();
        assert_eq!(done.len(), 10, "every job after the panic should still run");
        for (_, name) in done {
            let name = name.unwrap_or_default();
            assert!(name.starts_with("test-pool-"), "ran on {name:?}");
        }
    }
}
