//! Faulty twins of the lesson's helpers: the bugs the tests you write in
//! exercises 10-1, 10-2 and 10-5 must catch. The grader runs your test
//! against each of them and against the right one. Each has the signature
//! of its right twin, and a doc comment saying what is wrong with it.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, BufReader};
use tokio::sync::{mpsc, watch};

use crate::retry::{ATTEMPTS, FIRST_WAIT, Flaky, GaveUp};
use crate::shutdown::{TICK, WORKERS, worker};

/// Gives up after the first failure: no retry at all.
pub async fn retry_never_retries(op: Flaky) -> Result<u32, GaveUp> {
    op.call().await.map_err(|_| GaveUp { attempts: 1 })
}

/// Retries [`ATTEMPTS`] times, but at once: no back-off, so a struggling
/// server gets every attempt in the same instant.
pub async fn retry_without_back_off(op: Flaky) -> Result<u32, GaveUp> {
    for _ in 0..ATTEMPTS {
        if let Ok(answer) = op.call().await {
            return Ok(answer);
        }
    }
    Err(GaveUp { attempts: ATTEMPTS })
}

/// Backs off (up to a second between calls) but never gives up: against
/// an operation that always fails it never returns.
pub async fn retry_forever(op: Flaky) -> Result<u32, GaveUp> {
    let mut wait = FIRST_WAIT;
    loop {
        if let Ok(answer) = op.call().await {
            return Ok(answer);
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(Duration::from_secs(1));
    }
}

/// Takes each chunk the peer sends for a line: a line cut across two reads
/// comes back as two lines (a lost partial read).
pub async fn read_lines_by_chunk<R: AsyncRead + Unpin>(mut reader: R) -> io::Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut buf = [0; 1024];
    loop {
        let n = reader.read(&mut buf).await?;
        if n == 0 {
            return Ok(lines);
        }
        let text = String::from_utf8_lossy(&buf[..n]);
        lines.extend(text.split_terminator('\n').map(str::to_string));
    }
}

/// Drops a last line that has no `\n` before the peer closes.
pub async fn read_lines_dropping_the_last<R: AsyncRead + Unpin>(
    reader: R,
) -> io::Result<Vec<String>> {
    let mut reader = BufReader::new(reader);
    let mut lines = Vec::new();
    let mut line = String::new();
    while reader.read_line(&mut line).await? > 0 {
        if let Some(whole) = line.strip_suffix('\n') {
            lines.push(whole.to_string());
        }
        line.clear();
    }
    Ok(lines)
}

/// Takes an error from the peer for the end of the stream: the lines so
/// far come back as if all were well.
pub async fn read_lines_hiding_errors<R: AsyncRead + Unpin>(reader: R) -> io::Result<Vec<String>> {
    let mut lines = BufReader::new(reader).lines();
    let mut all = Vec::new();
    while let Ok(Some(line)) = lines.next_line().await {
        all.push(line);
    }
    Ok(all)
}

/// Starts one worker that never hears the stop and forgets it: it runs on
/// after the shutdown.
pub async fn stop_forgetting_one(alive: mpsc::Sender<()>) {
    let (stop, stopped) = watch::channel(false);
    let mut handles = Vec::new();
    for _ in 1..WORKERS {
        handles.push(tokio::spawn(worker(stopped.clone(), alive.clone())));
    }
    tokio::spawn(async move {
        let _alive = alive;
        loop {
            tokio::time::sleep(TICK).await;
        }
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = stop.send(true);
    for handle in handles {
        let _ = handle.await;
    }
}

/// Tells the workers to stop but does not wait for them: they end a moment
/// after it returns, when they next look.
pub async fn stop_without_waiting(alive: mpsc::Sender<()>) {
    let (stop, stopped) = watch::channel(false);
    for _ in 0..WORKERS {
        tokio::spawn(worker(stopped.clone(), alive.clone()));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = stop.send(true);
}
