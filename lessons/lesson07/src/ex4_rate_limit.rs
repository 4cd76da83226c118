//! Exercise 07-4: a per-client rate limit, as a token bucket.
//!
//! The bucket holds up to `burst` tokens and starts full. Every `refill`
//! of time adds one token (fractions count: half a `refill` is half a
//! token), but never beyond `burst`. A message takes one whole token; with
//! less than one, the message is refused, and a refusal takes nothing. So
//! a client can send `burst` messages at once after a pause, then one per
//! `refill`, and no pause, however long, saves up more than `burst`.
//!
//! Write `allow`: whether a message at `now` may go, updating the bucket.
//! The times are tokio's (`tokio::time::Instant`), so the tests run it on
//! the paused clock.
//!
//! Edit this file only. Check it with `cargo test -p lesson07 ex4`.
//!
//! 练习 07-4：每个客户端的速率限制，用令牌桶实现。
//!
//! 桶里最多有 `burst` 个令牌，开始时是满的。每过 `refill` 的时间
//! 加一个令牌（零头也算：半个 `refill` 就是半个令牌），但永远不超过
//! `burst`。一条消息花掉一整个令牌；不到一个时，这条消息被拒绝，
//! 而被拒绝不消耗令牌。所以客户端在停顿之后可以一次发送 `burst`
//! 条消息，然后每个 `refill` 一条，再长的停顿也攒不下超过 `burst` 条。
//!
//! 写出 `allow`：判断在 `now` 发送的消息能否发出，并同时更新令牌桶。
//! 时间是 tokio 的（`tokio::time::Instant`），所以测试在暂停的时钟上
//! 运行它。
//!
//! 只编辑这个文件。用 `cargo test -p lesson07 ex4` 检查。

use std::time::Duration;

use tokio::time::Instant;

#[derive(Debug)]
pub struct RateLimit {
    pub burst: u32,
    pub refill: Duration,
    /// Tokens in the bucket as of `last`.
    pub tokens: f64,
    pub last: Instant,
}

impl RateLimit {
    /// A full bucket at `now`.
    pub fn new(burst: u32, refill: Duration, now: Instant) -> Self {
        RateLimit {
            burst,
            refill,
            tokens: f64::from(burst),
            last: now,
        }
    }

    pub fn allow(&mut self, now: Instant) -> bool {
        // TODO: add the tokens earned since `last` (at most up to `burst`),
        // move `last` to `now`, then spend one token if there is one.
        // TODO: 加上从 `last` 以来挣到的令牌（最多加到 `burst`），
        // 把 `last` 移到 `now`，然后如果有令牌就花掉一个。
        todo!()
    }
}
