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
//!
//! 练习 09-5：按名字存放的异步处理函数。
//!
//! 处理函数表里的每个处理函数都是从请求到答复的 async 函数，按名字调用
//! （就像 Web 框架的路由器调用它的路由）。每个闭包、每个 `async` 块都有
//! 自己的类型，所以不同类型的处理函数只能放在指针后面，才能装进同一个
//! `HashMap`：闭包装箱成 `dyn Fn`，它返回的 future 装箱并固定成 `BoxFuture`
//! （即 `Pin<Box<dyn Future + Send>>`）。在已被占用的名字下添加处理函数，
//! 会替换旧的那个，就像给 Python `dict` 的键赋值一样。
//!
//! 只编辑这个文件。用 `cargo test -p lesson09 ex5` 检查。
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
        // TODO: 做出 `Handler`：装箱的闭包，它调用 `handler`，并用 `Box::pin`
        // 把得到的 future 装箱；把它插入到 `name` 下。
        todo!()
    }

    /// The reply of the handler called `name` to `request`; `None` when no
    /// handler has that name.
    pub async fn call(&self, name: &str, request: String) -> Option<String> {
        // TODO: find the handler, call it with `request`, await its future.
        // TODO: 找到处理函数，用 `request` 调用它，await 它的 future。
        todo!()
    }
}
