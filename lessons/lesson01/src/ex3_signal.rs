//! Exercise 01-3: a future woken from outside.
//!
//! `Countdown` woke itself, which only makes sense for a toy. A real future
//! waits for something that happens elsewhere: a socket has data, a timer
//! expires, another thread finishes. It hands its waker to whoever will see
//! that happen, and that party calls `wake()` when it does.
//!
//! `signal()` makes a pair sharing one `State`: a `Signal` that some other
//! task or thread fires, and a `Fired` future that finishes once it has been
//! fired. Write both halves:
//! - `Fired::poll`: if the state says fired, answer `Ready(())`; otherwise
//!   store a clone of `cx.waker()` in the state and answer `Pending`. Always
//!   keep the latest waker, replacing an older one: between two polls a
//!   future can move to another task, and only the newest waker reaches it.
//! - `Signal::fire`: mark the state fired, and wake the stored waker, if
//!   there is one.
//!
//! Edit this file only. Check it with `cargo test -p lesson01 ex3`.
//!
//! 练习 01-3：从外部唤醒的 future。
//!
//! `Countdown` 自己唤醒自己，这只对玩具才说得通。真正的 future 等待的是
//! 别处发生的事：套接字有了数据、定时器到期、另一个线程完成了工作。它把
//! 自己的唤醒器交给能看到这件事发生的一方，由那一方在事情发生时调用 `wake()`。
//!
//! `signal()` 构造一对共享同一个 `State` 的对象：一个由别的任务或线程触发的
//! `Signal`，和一个在被触发后就完成的 future `Fired`。两半都由你来写：
//! - `Fired::poll`：如果状态表明已经触发，返回 `Ready(())`；否则把
//!   `cx.waker()` 的一个克隆存进状态，然后返回 `Pending`。始终保留最新的
//!   唤醒器，替换掉旧的：两次轮询之间，future 可能被移到另一个任务里，
//!   只有最新的唤醒器才找得到它。
//! - `Signal::fire`：把状态标记为已触发，如果存有唤醒器，就唤醒它。
//!
//! 只编辑这个文件。用 `cargo test -p lesson01 ex3` 检查。

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// What the two halves share.
#[derive(Debug, Default)]
struct State {
    fired: bool,
    waker: Option<Waker>,
}

/// The half that fires.
#[derive(Debug, Clone)]
pub struct Signal {
    state: Arc<Mutex<State>>,
}

/// The half that waits: a future that finishes once the signal has fired.
#[derive(Debug)]
pub struct Fired {
    state: Arc<Mutex<State>>,
}

pub fn signal() -> (Signal, Fired) {
    let state = Arc::new(Mutex::new(State::default()));
    (
        Signal {
            state: state.clone(),
        },
        Fired { state },
    )
}

impl Signal {
    pub fn fire(&self) {
        // TODO: mark the shared state fired and wake the stored waker, if any.
        // TODO: 把共享状态标记为已触发，如果存有唤醒器，就唤醒它。
        todo!()
    }
}

impl Future for Fired {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // TODO: Ready if fired; otherwise keep a clone of the waker, Pending.
        // TODO: 已触发就 Ready；否则保存唤醒器的一个克隆，返回 Pending。
        todo!()
    }
}
