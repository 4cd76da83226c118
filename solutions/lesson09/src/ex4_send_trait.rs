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
        self.map.get(key).cloned()
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
        *self.lookups.lock().expect("lookups poisoned") += 1;
        tokio::time::sleep(self.delay).await;
        self.inner.get(key).await
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
    let handles: Vec<_> = keys
        .iter()
        .map(|key| {
            let store = Arc::clone(&store);
            let key = key.to_string();
            tokio::spawn(async move { store.get(&key).await })
        })
        .collect();
    let mut values = Vec::with_capacity(handles.len());
    for handle in handles {
        values.push(handle.await.expect("a lookup task panicked"));
    }
    values
}
