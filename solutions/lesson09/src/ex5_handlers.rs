//! Exercise 09-5: async handlers kept by name.
//!
//! A table of handlers, each an async function from a request to a reply,
//! called by name (as a web framework's router calls its routes). Every
//! closure and every `async` block has a type of its own, so handlers of
//! different types fit in one `HashMap` only behind a pointer: the closure
//! boxed as a `dyn Fn`, and the future it returns boxed and pinned as a
//! `BoxFuture` (a `Pin<Box<dyn Future + Send>>`). Adding a handler under a
//! name already taken replaces the old one, as assigning to a Python
//! `dict` key does.
//!
//! Edit this file only. Check it with `cargo test -p lesson09 ex5`.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::fmt;
use std::future::Future;

use futures::future::BoxFuture;

/// A handler as the table keeps it: the request in, a boxed future of the
/// reply out.
pub type Handler = Box<dyn Fn(String) -> BoxFuture<'static, String> + Send + Sync>;

/// Handlers by name.
#[derive(Default)]
pub struct Handlers {
    table: HashMap<String, Handler>,
}

impl fmt::Debug for Handlers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.table.keys()).finish()
    }
}

impl Handlers {
    /// An empty table.
    pub fn new() -> Self {
        Handlers::default()
    }

    /// Keeps `handler` under `name`, in place of any handler of that name.
    pub fn add<F, Fut>(&mut self, name: &str, handler: F)
    where
        F: Fn(String) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = String> + Send + 'static,
    {
        // TODO: make a `Handler`: a boxed closure that calls `handler` and
        // boxes its future with `Box::pin`; insert it under `name`.
        let boxed: Handler = Box::new(move |request| Box::pin(handler(request)));
        self.table.insert(name.to_string(), boxed);
    }

    /// The reply of the handler called `name` to `request`; `None` when no
    /// handler has that name.
    pub async fn call(&self, name: &str, request: String) -> Option<String> {
        // TODO: find the handler, call it with `request`, await its future.
        let handler = self.table.get(name)?;
        Some(handler(request).await)
    }
}
