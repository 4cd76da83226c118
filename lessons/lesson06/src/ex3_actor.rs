//! Exercise 06-3: an actor that answers through a oneshot.
//!
//! Instead of a `Mutex<HashMap>` shared by every task, one task owns the
//! map and the others send it requests. Each request carries a `oneshot`
//! sender: the asker keeps the receiving end and awaits it, as asyncio code
//! awaits a future that another task will `set_result` on. The actor reads
//! one request at a time, so the state needs no lock at all.
//!
//! Two things to get right besides the sums. An asker may give up before
//! the answer comes (a timeout, a cancelled task): its receiver is dropped
//! and `reply.send(..)` gives `Err`. That is no reason for the actor to
//! stop serving everyone else; the deposit still counts. And the actor ends
//! when every `Bank` handle has been dropped: `recv` gives `None` then.
//!
//! Write `bank`: keep a balance per account, answer every request, and
//! when the requests end, return the balances. Asked for the balance of an
//! account it has never seen, the actor answers 0 and does not add the
//! account: only a deposit opens one, so the balances it returns hold the
//! accounts paid into and no others.
//!
//! Edit this file only. Check it with `cargo test -p lesson06 ex3`.
//!
//! 练习 06-3：通过 oneshot 回答的 actor。
//!
//! 不用所有任务共享的 `Mutex<HashMap>`，而是让一个任务拥有这个映射，其他
//! 任务给它发送请求。每个请求都带着 `oneshot` 发送端：提问的一方留着接收端
//! 并等待它，就像 asyncio 代码等待一个将由另一个任务调用 `set_result` 的
//! future。actor 一次只读一个请求，所以状态根本不需要锁。
//!
//! 除了算对总数，还有两件事要做对。提问的一方可能在回答到来之前就放弃了
//! （超时了，或者任务被取消了）：它的接收端被丢弃，`reply.send(..)` 返回
//! `Err`。actor 不能因此停止为其他所有人服务；这笔存款仍然算数。另外，所有
//! `Bank` 句柄都被丢弃时，actor 结束：这时 `recv` 返回 `None`。
//!
//! 写出 `bank`：为每个账户保存余额，回答每个请求，请求结束时返回所有余额。
//! 被问到从未见过的账户的余额时，actor 回答 0，但不添加这个账户：只有存款
//! 才会开户，所以它返回的余额里只有存过款的账户，没有别的。
//!
//! 只编辑这个文件。用 `cargo test -p lesson06 ex3` 检查。

use std::collections::HashMap;

use tokio::sync::{mpsc, oneshot};

/// What the actor is asked. Given.
#[derive(Debug)]
pub enum Request {
    /// Add `amount` to `account`; reply with its new balance.
    Deposit {
        account: String,
        amount: u64,
        reply: oneshot::Sender<u64>,
    },
    /// Reply with `account`'s balance.
    Balance {
        account: String,
        reply: oneshot::Sender<u64>,
    },
}

/// A handle on the actor: clone it for each task. Given.
#[derive(Debug, Clone)]
pub struct Bank {
    pub requests: mpsc::Sender<Request>,
}

impl Bank {
    /// Starts the actor; the handle, and the task that gives back the
    /// balances once every handle is dropped.
    pub fn start() -> (Bank, tokio::task::JoinHandle<HashMap<String, u64>>) {
        let (requests, inbox) = mpsc::channel(16);
        (Bank { requests }, tokio::spawn(bank(inbox)))
    }

    /// Deposits `amount`; the new balance, or `None` if the actor is gone
    /// or did not answer.
    pub async fn deposit(&self, account: &str, amount: u64) -> Option<u64> {
        let (reply, answer) = oneshot::channel();
        let account = account.to_string();
        let request = Request::Deposit {
            account,
            amount,
            reply,
        };
        self.requests.send(request).await.ok()?;
        answer.await.ok()
    }

    /// The balance of `account`, or `None` as for `deposit`.
    pub async fn balance(&self, account: &str) -> Option<u64> {
        let (reply, answer) = oneshot::channel();
        let account = account.to_string();
        self.requests
            .send(Request::Balance { account, reply })
            .await
            .ok()?;
        answer.await.ok()
    }
}

/// The actor: serves `requests` until every sender is gone, then returns
/// the balances.
pub async fn bank(mut requests: mpsc::Receiver<Request>) -> HashMap<String, u64> {
    // TODO: own the balances here; answer each request through its reply
    // sender (an asker that has gone is no error); return the balances
    // when the requests end.
    // TODO: 余额由这里持有；通过每个请求自带的回复发送端回答它（提问的
    // 一方已经离开不算错误）；请求结束时返回所有余额。
    todo!()
}
