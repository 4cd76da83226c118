//! `typing.Protocol` with an `async def` method → a trait with an async
//! method, used through generics; `Send` futures so that one can be spawned.

// ANCHOR: body
use std::future::Future;

trait Greeter {
    // `async fn greet(..)` would do, but for spawning: its future is `Send`.
    fn greet(&self, name: &str) -> impl Future<Output = String> + Send;
}

struct English;

impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        format!("hello, {name}")
    }
}

struct Shouting;

impl Greeter for Shouting {
    async fn greet(&self, name: &str) -> String {
        tokio::task::yield_now().await;
        format!("HELLO, {}", name.to_uppercase())
    }
}

async fn greet_all(greeter: &impl Greeter, names: &[&str]) {
    for name in names {
        println!("{}", greeter.greet(name).await);
    }
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    greet_all(&English, &["ann", "bo"]).await;
    greet_all(&Shouting, &["cy"]).await;
    let task = tokio::spawn(async { Shouting.greet("di").await });
    println!("{}", task.await.expect("the task panicked"));
}
// ANCHOR_END: body
