//! Exercise 08-2: Rust awaiting a Python coroutine.
//!
//! `get_word` is a Python `async def` that takes no argument and returns a
//! string. `shout(get_word)` must call it, await the coroutine it gives
//! (from Rust, on the caller's event loop), and resolve to the word in
//! upper case followed by `!`: `"hi"` becomes `"HI!"`. Calling `get_word`
//! only makes a coroutine object; nothing in it runs until the event loop
//! is handed it, which `into_future` does at once (awaiting the Rust future
//! it returns then gives the coroutine's result).
//!
//! Edit this file only. Check it with `cargo test -p lesson08 ex2`.
//!
//! 练习 08-2：Rust await 一个 Python 协程。
//!
//! `get_word` 是 Python 的 `async def`，不带参数，返回字符串。
//! `shout(get_word)` 必须调用它，在 Rust 中 await 它返回的协程（协程在
//! 调用方的事件循环上运行），最后得到这个词的大写形式加上 `!`：
//! `"hi"` 变成 `"HI!"`。调用 `get_word` 只会创建协程对象；在协程被交给
//! 事件循环之前，里面什么也不会运行，而 `into_future` 一被调用就会把
//! 它交过去（之后 await `into_future` 返回的 Rust future，就得到协程的结果）。
//!
//! 只编辑这个文件。用 `cargo test -p lesson08 ex2` 检查。

use pyo3::prelude::*;

/// An awaitable that awaits `get_word()` and resolves to its upper-case
/// form followed by `!`. An exception from `get_word` reaches the caller.
#[pyfunction]
pub fn shout(py: Python<'_>, get_word: Py<PyAny>) -> PyResult<Bound<'_, PyAny>> {
    // TODO: inside `future_into_py`, take the GIL (`Python::attach`) to call
    // `get_word` and turn its coroutine into a Rust future with
    // `pyo3_async_runtimes::tokio::into_future`; await that future without
    // the GIL, then extract the `String` and shout it.
    // TODO: 在 `future_into_py` 里，取得 GIL（`Python::attach`）调用
    // `get_word`，再用 `pyo3_async_runtimes::tokio::into_future` 把它的协程
    // 变成 Rust future；在不持有 GIL 的情况下 await 这个 future，然后
    // 取出 `String`，把它“喊”出来（转成大写、加上 `!`）。
    todo!()
}
