//! Lesson 09's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.

use std::time::Duration;

use testkit::tokio;
use testkit::tokio::time::{Instant, timeout};

const LESSON: &str = include_str!("../exercises.toml");

/// The grader for exercise `id`.
fn ex(id: &str) -> testkit::Grader {
    testkit::exercise(LESSON, id)
}

/// Longer than any right answer takes on the paused clock.
const WAIT: Duration = Duration::from_secs(60);

mod ex1_deadline {
    use super::*;
    use lesson09::ex1_deadline::collect_until;

    /// Numbers every 300 ms, 20 of them, and a limit of one second: the
    /// three sent before it are kept, and the call returns at one second,
    /// not when the messages stop.
    #[test]
    fn the_deadline_holds_while_messages_keep_coming() {
        ex("09-1").check_async(|| async {
            let (tx, rx) = tokio::sync::mpsc::channel(32);
            let sender = tokio::spawn(async move {
                for n in 1..=20 {
                    tokio::time::sleep(Duration::from_millis(300)).await;
                    if tx.send(n).await.is_err() {
                        return;
                    }
                }
            });
            let start = Instant::now();
            let got = timeout(WAIT, collect_until(rx, Duration::from_secs(1)))
                .await
                .expect("collect_until never returned");
            let took = start.elapsed();
            sender.abort();
            assert!(
                took <= Duration::from_secs(1),
                "collect_until returned after {took:?} with {} numbers; expected it at 1 s with \
                 [1, 2, 3]: the sleep was made again on every turn, so its deadline started over \
                 at each message. Keep one pinned sleep across turns and select on &mut it",
                got.len()
            );
            assert_eq!(
                got,
                [1, 2, 3],
                "the numbers sent before the deadline, in order"
            );
        });
    }

    /// When every sender is gone, it returns at once with what came.
    #[test]
    fn a_closed_channel_ends_the_wait() {
        ex("09-1").check_async(|| async {
            let (tx, rx) = tokio::sync::mpsc::channel(4);
            tx.send(7).await.unwrap();
            drop(tx);
            let start = Instant::now();
            let got = timeout(WAIT, collect_until(rx, Duration::from_secs(5))).await;
            let got = got.expect("collect_until never returned");
            assert_eq!(got, [7], "the one number sent before the channel closed");
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "collect_until waited for the deadline although the channel had closed: \
                 end the loop when recv gives None"
            );
        });
    }
}

mod ex2_poll_counter {
    use super::*;
    use lesson09::ex2_poll_counter::Counted;

    /// A future pending twice, then ready: three polls, and its output.
    #[test]
    fn every_poll_is_counted_the_last_one_too() {
        ex("09-2")
            .if_stuck(testkit::STUCK_WAKER)
            .check_async(|| async {
                let inner = async {
                    tokio::task::yield_now().await;
                    tokio::task::yield_now().await;
                    "done"
                };
                let (output, polls) = timeout(WAIT, Counted::new(inner))
                    .await
                    .expect("Counted never finished");
                assert_eq!(
                    output, "done",
                    "Counted must finish with the inner future's output"
                );
                assert_eq!(
                    polls, 3,
                    "counted {polls} polls; the inner future was polled 3 times (pending, pending, \
                 ready): count every call to poll, the one that finds it ready too"
                );
            });
    }

    /// Wrapping a sleep: it finishes only if the sleep's timer can wake the
    /// task, that is, if `poll` passed on the `cx` it was given.
    #[test]
    fn the_inner_future_can_wake_the_task() {
        ex("09-2")
            .if_stuck(testkit::STUCK_WAKER)
            .check_async(|| async {
                let sleep = tokio::time::sleep(Duration::from_secs(1));
                let done = timeout(Duration::from_secs(5), Counted::new(sleep)).await;
                let ((), polls) = done.expect(
                    "Counted(sleep of 1 s) had not finished after 5 s: the inner future was polled \
                 with another Context than the one poll was given, so its wake-up went nowhere",
                );
                assert_eq!(
                    polls, 2,
                    "a 1 s sleep is polled twice: pending, then ready; counted {polls}"
                );
            });
    }
}

mod ex3_tree_walk {
    use super::*;
    use lesson09::ex3_tree_walk::{Node, total};

    fn leaf(size: u64) -> Node {
        Node {
            size,
            children: vec![],
        }
    }

    /// A tree three levels deep below its root: every size counted once.
    #[test]
    fn every_level_is_added_up() {
        ex("09-3").check_async(|| async {
            let tree = Node {
                size: 1,
                children: vec![
                    Node {
                        size: 10,
                        children: vec![
                            leaf(100),
                            Node {
                                size: 200,
                                children: vec![leaf(4000)],
                            },
                        ],
                    },
                    leaf(20),
                ],
            };
            let got = timeout(WAIT, total(&tree))
                .await
                .expect("total never returned");
            assert_eq!(
                got, 4331,
                "total was {got}; the sizes at every depth add up to 4331 (1 + 10 + 20 + 100 + \
                 200 + 4000): the walk must go down every child, however deep, by calling total \
                 itself through Box::pin"
            );
        });
    }

    /// A lone node is its own size; a chain 200 deep is found to its end.
    #[test]
    fn a_leaf_and_a_long_chain() {
        ex("09-3").check_async(|| async {
            assert_eq!(
                timeout(WAIT, total(&leaf(5))).await.ok(),
                Some(5),
                "a node with no children"
            );
            let mut chain = leaf(1);
            for _ in 0..199 {
                chain = Node {
                    size: 1,
                    children: vec![chain],
                };
            }
            let got = timeout(WAIT, total(&chain))
                .await
                .expect("total never returned");
            assert_eq!(
                got, 200,
                "a chain of 200 nodes of size 1 gave {got}: recurse into every level"
            );
        });
    }
}

mod ex4_send_trait {
    use super::*;
    use lesson09::ex4_send_trait::{CountingStore, MemoryStore, Store, get_all};
    use std::sync::{Arc, Mutex};

    fn memory() -> MemoryStore {
        let pairs = [("a", "apple"), ("b", "bean"), ("c", "corn")];
        MemoryStore {
            map: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// Any `Store`, through a generic function.
    async fn fetch<S: Store>(store: &S, key: &str) -> Option<String> {
        store.get(key).await
    }

    /// Both implementations answer; the counting one counts and waits.
    #[test]
    fn both_stores_answer() {
        ex("09-4").check_async(|| async {
            assert_eq!(
                fetch(&memory(), "a").await.as_deref(),
                Some("apple"),
                "MemoryStore's get(\"a\")"
            );
            assert_eq!(
                fetch(&memory(), "z").await,
                None,
                "MemoryStore's get of a missing key"
            );
            let counting = CountingStore {
                inner: memory(),
                delay: Duration::from_secs(1),
                lookups: Mutex::new(0),
            };
            let start = Instant::now();
            let got = timeout(WAIT, fetch(&counting, "b"))
                .await
                .expect("get never returned");
            assert_eq!(
                got.as_deref(),
                Some("bean"),
                "CountingStore's get(\"b\") must ask its inner store"
            );
            assert!(
                start.elapsed() >= Duration::from_secs(1),
                "CountingStore's get must sleep its delay first"
            );
            assert_eq!(
                *counting.lookups.lock().unwrap(),
                1,
                "CountingStore must count each lookup"
            );
        });
    }

    /// Three lookups of one second each take one second: they run at once,
    /// each in its own task.
    #[test]
    fn get_all_spawns_every_lookup() {
        ex("09-4").check_async(|| async {
            let counting = CountingStore {
                inner: memory(),
                delay: Duration::from_secs(1),
                lookups: Mutex::new(0),
            };
            let store = Arc::new(counting);
            let start = Instant::now();
            let got = timeout(WAIT, get_all(Arc::clone(&store), &["c", "z", "a"]))
                .await
                .expect("get_all never returned");
            let took = start.elapsed();
            let expected = [Some("corn".to_string()), None, Some("apple".to_string())];
            assert_eq!(got, expected, "get_all's values, in the keys' order");
            assert!(
                took < Duration::from_secs(2),
                "get_all took {took:?} for three lookups of 1 s: they ran one after another. \
                 tokio::spawn each lookup first, then await the handles (the trait's Send \
                 futures are what make spawning them possible)"
            );
            assert_eq!(*store.lookups.lock().unwrap(), 3, "one lookup per key");
        });
    }

    /// A store that notes the task each lookup ran in.
    #[derive(Default)]
    struct TaskNoting {
        tasks: Mutex<Vec<Option<tokio::task::Id>>>,
    }

    impl Store for TaskNoting {
        async fn get(&self, key: &str) -> Option<String> {
            self.tasks.lock().unwrap().push(tokio::task::try_id());
            tokio::time::sleep(Duration::from_secs(1)).await;
            Some(key.to_uppercase())
        }
    }

    /// Every lookup runs in a task of its own, not all of them in the
    /// caller's (`join_all` runs them at once too, but skips the point).
    #[test]
    fn every_lookup_is_its_own_task() {
        ex("09-4").check_async(|| async {
            let store = Arc::new(TaskNoting::default());
            let got = timeout(WAIT, get_all(Arc::clone(&store), &["x", "y", "z"]))
                .await
                .expect("get_all never returned");
            assert_eq!(got, [Some("X".into()), Some("Y".into()), Some("Z".into())]);
            let tasks = store.tasks.lock().unwrap().clone();
            let caller = tokio::task::try_id();
            let spawned: std::collections::HashSet<_> = tasks
                .iter()
                .flatten()
                .filter(|id| Some(**id) != caller)
                .collect();
            assert_eq!(
                spawned.len(),
                3,
                "the three lookups ran in {} task(s) of their own, not 3: they were awaited \
                 together in get_all's own task (join_all or join!), which runs them at once but \
                 spawns nothing. tokio::spawn each lookup, so each is a task the runtime may run \
                 on any worker (what the trait's Send futures allow)",
                spawned.len()
            );
        });
    }
}

mod ex5_handlers {
    use super::*;
    use lesson09::ex5_handlers::Handlers;

    /// Two handlers of different types, each called by its name.
    #[test]
    fn each_name_calls_its_handler() {
        ex("09-5").check_async(|| async {
            let mut handlers = Handlers::new();
            handlers.add(
                "upper",
                |request: String| async move { request.to_uppercase() },
            );
            handlers.add("slow-echo", |request: String| async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                format!("{request}, later")
            });
            let upper = timeout(WAIT, handlers.call("upper", "hi".into()))
                .await
                .expect("call never returned");
            assert_eq!(
                upper.as_deref(),
                Some("HI"),
                "call(\"upper\", \"hi\") must run the upper handler"
            );
            let echo = timeout(WAIT, handlers.call("slow-echo", "hi".into()))
                .await
                .expect("call never returned");
            assert_eq!(
                echo.as_deref(),
                Some("hi, later"),
                "call(\"slow-echo\", \"hi\")"
            );
            let missing = timeout(WAIT, handlers.call("nobody", "hi".into()))
                .await
                .expect("call never returned");
            assert_eq!(missing, None, "a name with no handler gives None");
        });
    }

    /// A second handler under one name takes the first one's place.
    #[test]
    fn adding_a_name_again_replaces_its_handler() {
        ex("09-5").check_async(|| async {
            let mut handlers = Handlers::new();
            handlers.add(
                "greet",
                |name: String| async move { format!("hello, {name}") },
            );
            handlers.add(
                "greet",
                |name: String| async move { format!("welcome, {name}") },
            );
            let got = timeout(WAIT, handlers.call("greet", "ann".into()))
                .await
                .expect("call never returned");
            assert_eq!(
                got.as_deref(),
                Some("welcome, ann"),
                "the second handler added as \"greet\" must replace the first, as a dict \
                 assignment does: insert, not keep what was there"
            );
        });
    }
}

mod ex6_retry {
    use super::*;
    use lesson09::ex6_retry::retry;

    /// A closure that fails twice, then succeeds: three calls, two pauses.
    #[test]
    fn it_tries_again_until_it_works() {
        ex("09-6").check_async(|| async {
            let mut calls = 0;
            let start = Instant::now();
            let op = async || {
                calls += 1;
                if calls < 3 {
                    Err(format!("failure {calls}"))
                } else {
                    Ok(calls)
                }
            };
            let got = timeout(WAIT, retry(5, Duration::from_millis(100), op))
                .await
                .expect("retry never returned");
            let took = start.elapsed();
            assert_eq!(
                got,
                Ok(3),
                "retry gave {got:?} after {calls} call(s); the closure fails twice and then gives \
                 Ok(3): call it again after each Err while attempts remain"
            );
            assert_eq!(
                calls, 3,
                "retry must stop at the first Ok; it called the closure {calls} times"
            );
            assert_eq!(
                took,
                Duration::from_millis(200),
                "two pauses of 100 ms between three calls; took {took:?}"
            );
        });
    }

    /// Always failing: exactly `attempts` calls, the last error returned.
    #[test]
    fn it_gives_up_after_its_attempts() {
        ex("09-6").check_async(|| async {
            let mut calls = 0u32;
            let op = async || -> Result<(), u32> {
                calls += 1;
                Err(calls)
            };
            let start = Instant::now();
            let got = timeout(WAIT, retry(4, Duration::from_millis(100), op))
                .await
                .expect("retry never returned");
            let took = start.elapsed();
            assert_eq!(
                calls, 4,
                "retry(4, ..) called an always-failing closure {calls} times; expected 4"
            );
            assert_eq!(got, Err(4), "the error of the last attempt");
            assert_eq!(
                took,
                Duration::from_millis(300),
                "three pauses between four calls, none after the last; took {took:?}"
            );
            let mut once = 0;
            let zero = retry(0, Duration::from_millis(100), async || -> Result<(), ()> {
                once += 1;
                Err(())
            });
            let got = timeout(WAIT, zero).await.expect(
                "retry(0, ..) never returned: with no attempts asked for it must still make one \
                 and give up (a loop that waits for the count to reach 0 exactly never ends)",
            );
            assert_eq!(
                (got, once),
                (Err(()), 1),
                "retry(0, ..) still makes one attempt"
            );
        });
    }
}
