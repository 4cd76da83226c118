//! Exercise 03-2: the first good answer wins.
//!
//! A file is on two servers, a primary and a mirror. Ask both at once and
//! take whichever answers first, but only if that answer is good: an error
//! from one should not win the race, it should leave the race to the other.
//! Only when both have failed is the result an error, carrying both.
//!
//! Write `first_ok` with `tokio::select!` in a loop. Two things to know:
//! - `select!` takes a future by `&mut` only if it is pinned; `pin!` does it;
//! - a branch can be switched off with `, if condition`, which keeps a
//!   finished future from being polled again; when every branch is off,
//!   the `else =>` branch runs.
//!
//! When one wins, `first_ok` returns and the other future is dropped, which
//! cancels it (nothing else ever polls it again).
//!
//! Edit this file only. Check it with `cargo test -p lesson03 ex2`.

use std::future::Future;
use std::pin::pin;

/// Which server gave the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Primary,
    Mirror,
}

/// The first `Ok` of the two, and who gave it; or, if both fail, both
/// errors as `(primary's, mirror's)`.
pub async fn first_ok<T, E>(
    primary: impl Future<Output = Result<T, E>>,
    mirror: impl Future<Output = Result<T, E>>,
) -> Result<(Source, T), (E, E)> {
    let mut primary = pin!(primary);
    let mut mirror = pin!(mirror);
    // TODO: race them with select! in a loop; an Err only switches its branch off.
    let mut primary_failed = None;
    let mut mirror_failed = None;
    loop {
        tokio::select! {
            answer = &mut primary, if primary_failed.is_none() => match answer {
                Ok(body) => return Ok((Source::Primary, body)),
                Err(e) => primary_failed = Some(e),
            },
            answer = &mut mirror, if mirror_failed.is_none() => match answer {
                Ok(body) => return Ok((Source::Mirror, body)),
                Err(e) => mirror_failed = Some(e),
            },
            else => break,
        }
    }
    match (primary_failed, mirror_failed) {
        (Some(p), Some(m)) => Err((p, m)),
        _ => unreachable!("every branch is off only once both have failed"),
    }
}
