//! `async fn` in traits: generic use, the `Send` problem, and `dyn`.
//!
//! A trait's `async fn` (stable since Rust 1.75) returns a future of a type
//! each implementation picks and nobody names, so a generic caller knows
//! nothing of it but that it is a `Future`: not whether it is `Send`. Given
//! to `tokio::spawn`, it is refused (`snippets/spawn_generic_not_send.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/spawn_generic_not_send.rs"), "```")]
//!
//! Return type notation, which would let the caller ask for it
//! (`G: Greeter<greet(..): Send>`), is not stable in Rust 1.95
//! (`snippets/return_type_notation.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/return_type_notation.rs"), "```")]
//!
//! And such a trait is not dyn-compatible: a `dyn Greeter` would have to
//! return futures of every implementation's type at once
//! (`snippets/dyn_greeter.rs`):
//!
#![doc = concat!("```compile_fail\n", include_str!("../snippets/dyn_greeter.rs"), "```")]

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

// ANCHOR: greeter
/// Says hello. The base trait: its futures may or may not be `Send`.
/// `trait_variant::make` also writes `SendGreeter`, the same trait with
/// every method's future `Send`, and implements `Greeter` for every
/// `SendGreeter`.
#[trait_variant::make(SendGreeter: Send)]
pub trait Greeter {
    async fn greet(&self, name: &str) -> String;
}

/// Answers at once.
#[derive(Debug)]
pub struct English;

impl SendGreeter for English {
    async fn greet(&self, name: &str) -> String {
        format!("hello, {name}")
    }
}

/// Answers after `delay` (tokio's clock).
#[derive(Debug)]
pub struct Slow {
    pub delay: Duration,
}

impl SendGreeter for Slow {
    async fn greet(&self, name: &str) -> String {
        tokio::time::sleep(self.delay).await;
        format!("h-e-l-l-o, {name}")
    }
}

/// Generic: compiled once per greeter type, every call direct, nothing
/// boxed. Any `Greeter` will do, since nothing here is spawned.
pub async fn greet_all<G: Greeter>(greeter: &G, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        out.push(greeter.greet(name).await);
    }
    out
}
// ANCHOR_END: greeter

// ANCHOR: spawn_send
/// Spawns the greeting: fine, because a `SendGreeter`'s future is `Send`.
///
/// # Panics
/// If the greeting's task panicked.
pub async fn spawn_greeting<G: SendGreeter + Sync + 'static>(
    greeter: Arc<G>,
    name: String,
) -> String {
    let task = tokio::spawn(async move { greeter.greet(&name).await });
    task.await.expect("the greeting's task panicked")
}
// ANCHOR_END: spawn_send

// ANCHOR: by_hand_send
/// The other stable fix, and what `trait_variant` writes: the method
/// declared as returning `impl Future + Send`. An implementation may still
/// write `async fn`; the compiler checks that its future is `Send`.
pub trait Lookup {
    fn lookup(&self, key: u32) -> impl Future<Output = Option<String>> + Send;
}
// ANCHOR_END: by_hand_send

// ANCHOR: dyn_greeter
/// A dyn-compatible twin of `SendGreeter`: the future is boxed, so every
/// implementation returns the one type `BoxFuture` (one allocation and a
/// call through a vtable per greeting). This is what the `async-trait`
/// crate's macro writes for you.
pub trait DynGreeter: Send + Sync {
    fn greet_boxed<'a>(&'a self, name: &'a str) -> BoxFuture<'a, String>;
}

impl<G: SendGreeter + Sync> DynGreeter for G {
    fn greet_boxed<'a>(&'a self, name: &'a str) -> BoxFuture<'a, String> {
        Box::pin(self.greet(name))
    }
}

/// Greeters of different types in one `Vec`, each called the same way.
pub async fn greet_each(greeters: &[Box<dyn DynGreeter>], name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for greeter in greeters {
        out.push(greeter.greet_boxed(name).await);
    }
    out
}
// ANCHOR_END: dyn_greeter

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn generic_spawned_and_dyn_calls_agree() {
        let wait = Duration::from_secs(5);
        let slow = Slow {
            delay: Duration::from_millis(10),
        };
        let run = greet_all(&English, &["ann", "bo"]);
        let all = tokio::time::timeout(wait, run).await.unwrap();
        assert_eq!(all, ["hello, ann", "hello, bo"]);
        let spawned = spawn_greeting(Arc::new(English), "cy".into());
        assert_eq!(
            tokio::time::timeout(wait, spawned).await.unwrap(),
            "hello, cy"
        );
        let greeters: Vec<Box<dyn DynGreeter>> = vec![Box::new(English), Box::new(slow)];
        let each = tokio::time::timeout(wait, greet_each(&greeters, "di"))
            .await
            .unwrap();
        assert_eq!(each, ["hello, di", "h-e-l-l-o, di"]);
    }
}
