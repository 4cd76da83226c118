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
    let mut balances: HashMap<String, u64> = HashMap::new();
    while let Some(request) = requests.recv().await {
        match request {
            Request::Deposit {
                account,
                amount,
                reply,
            } => {
                let balance = balances.entry(account).or_default();
                *balance += amount;
                let _ = reply.send(*balance); // the asker may have given up
            }
            Request::Balance { account, reply } => {
                let _ = reply.send(balances.get(&account).copied().unwrap_or(0));
            }
        }
    }
    balances
}
