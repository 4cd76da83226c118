//! Exercise 09-4: a trait with an `async fn`, its futures spawned.
//!
//! `Store` is a trait with one `async fn`. `#[trait_variant::make(Send)]`
//! rewrites it so that every implementation's future is `Send`, which is
//! what `tokio::spawn` demands: without it, a generic caller could not
//! spawn `store.get(..)` at all. Implement it twice, then write `get_all`,
//! which looks every key up at once, one spawned task each. In
//! `CountingStore::get`, let go of the lock before any `.await`: a
//! `std::sync::MutexGuard` held across one makes the future not `Send`,
//! and the compiler says "future returned by `get` is not `Send`", naming
//! the `Send` bound the trait sets.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex4`.
//!
//! 练习 09-4：带 `async fn` 的 trait，为它的 future 生成（spawn）任务。
//!
//! `Store` 是带一个 `async fn` 的 trait。`#[trait_variant::make(Send)]`
//! 改写了它，让每个实现的 future 都是 `Send`，这正是 `tokio::spawn` 的要求：
//! 没有它，泛型调用者根本无法为 `store.get(..)` 生成任务。为它写两个实现，
//! 然后写 `get_all`：同时查找所有的键，每个键生成一个任务。在
//! `CountingStore::get` 里，要在任何 `.await` 之前放开锁：跨过 `.await`
//! 持有的 `std::sync::MutexGuard` 会让 future 不再是 `Send`，编译器会报
//! “future returned by `get` is not `Send`”，并指出 trait 设下的 `Send` 约束。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex4` 检查。
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Values kept by key.
#[trait_variant::make(Send)]
pub trait Store {
    /// The value kept under `key`, if any.
    async fn get(&self, key: &str) -> Option<String>;
}

/// A store in memory that answers at once.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub map: HashMap<String, String>,
}

impl Store for MemoryStore {
    async fn get(&self, key: &str) -> Option<String> {
        // TODO: the value under `key` in `self.map`, cloned.
        // TODO: `self.map` 中 `key` 下的值，克隆一份返回。
        todo!()
    }
}

/// A slow store in front of a [`MemoryStore`]: every lookup counts one and
/// waits `delay` (tokio's clock) before it answers.
#[derive(Debug)]
pub struct CountingStore {
    pub inner: MemoryStore,
    pub delay: Duration,
    pub lookups: Mutex<u32>,
}

impl Store for CountingStore {
    async fn get(&self, key: &str) -> Option<String> {
        // TODO: add one to `self.lookups` (the guard gone before any
        // `.await`), sleep `self.delay`, then ask `self.inner`.
        // TODO: 给 `self.lookups` 加一（守卫要在任何 `.await` 之前释放），
        // 睡 `self.delay`，然后向 `self.inner` 查询。
        todo!()
    }
}

/// The value of each of `keys`, in their order, all looked up at once
/// (one task each, so a slow store costs one delay, not one per key).
///
/// # Panics
/// If a lookup's task panicked.
pub async fn get_all<S: Store + Sync + 'static>(
    store: Arc<S>,
    keys: &[&str],
) -> Vec<Option<String>> {
    // TODO: for each key, `tokio::spawn` a task that owns a clone of the
    // `Arc` and the key as a `String` and awaits `get`; start them all,
    // then await their handles in order.
    // TODO: 为每个键用 `tokio::spawn` 生成一个任务，让它拥有 `Arc` 的克隆和
    // `String` 形式的键，并 await `get`；先全部启动，再按顺序 await 它们的句柄。
    todo!()
}
