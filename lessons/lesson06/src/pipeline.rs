//! The note's `wget`, grown into a pipeline of tasks joined by bounded
//! queues: a producer of URLs → N fetchers → one writer. Each queue is
//! bounded, so a stage that falls behind makes the one before it wait
//! instead of piling work up in memory; the writer prints the depth of each
//! queue as it goes, so the back-pressure can be watched. Ctrl-C stops the
//! producer; the fetchers finish what is already queued, and the writer
//! prints it: the pipeline drains, then ends, because every queue closes
//! when its last sender is dropped.
//!
//! `python/pipeline.py` is the same pipeline with `asyncio.Queue`; both
//! print the same result lines.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, mpsc};

/// The pipeline's shape.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How many fetcher tasks.
    pub fetchers: usize,
    /// The capacity of each queue.
    pub capacity: usize,
    /// Whether to print the queues' depths as it goes.
    pub depths: bool,
}

/// The URLs (paths on the stand-in server) the demo fetches: `pages`
/// pages and, in seventh place, `/missing`, which the server does not have:
/// a 404 on purpose, which the pipeline must report in its place rather
/// than skip. The program's default is 11 pages, so 12 URLs, as the Python
/// twin fetches.
pub fn demo_paths(pages: u32) -> Vec<String> {
    let mut paths: Vec<String> = (1..=pages).map(|n| format!("/page/{n}")).collect();
    paths.insert(paths.len().min(6), "/missing".to_string());
    paths
}

/// What a fetch found: the status and the body, or why it failed.
type Fetched = Result<(u16, Vec<u8>), String>;

/// The largest answer a fetch reads, bytes.
const MAX_ANSWER: u64 = 1 << 20;

/// One HTTP/1.0 GET of `path` from `addr`, under a 5 s timeout.
async fn fetch(addr: SocketAddr, path: &str) -> Fetched {
    let get = async {
        let mut stream = TcpStream::connect(addr).await?;
        let request = format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n");
        stream.write_all(request.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.take(MAX_ANSWER).read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(Duration::from_secs(5), get)
        .await
        .map_err(|_| "timed out".to_string())?
        .map_err(|e| e.to_string())?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n");
    let status = answer.split(|&b| b == b' ').nth(1);
    let status = status.and_then(|s| std::str::from_utf8(s).ok()?.parse().ok());
    match (split, status) {
        (Some(at), Some(status)) => Ok((status, answer[at + 4..].to_vec())),
        _ => Err("not an HTTP answer".to_string()),
    }
}

/// One result line, the same as the Python twin's.
fn result_line(path: &str, fetched: &Fetched) -> String {
    match fetched {
        Ok((status, body)) => {
            let lines = body.iter().filter(|&&b| b == b'\n').count();
            format!(
                "{path:<10} {status:>3} {:>5} bytes {lines:>3} lines",
                body.len()
            )
        }
        Err(why) => format!("{path:<10} failed: {why}"),
    }
}

/// A bar of `n` marks, for a queue's depth.
fn bar(n: usize) -> String {
    "#".repeat(n)
}

// ANCHOR: stages
/// Runs the pipeline over `paths` on the server at `addr`, calling `print`
/// with each line of output; stops taking new URLs when `stop` finishes.
/// Returns how many URLs were fetched.
pub async fn run(
    addr: SocketAddr,
    paths: Vec<String>,
    options: Options,
    stop: impl Future<Output = ()> + Send + 'static,
    mut print: impl FnMut(&str),
) -> usize {
    let (url_tx, url_rx) = mpsc::channel::<(usize, String)>(options.capacity);
    let (result_tx, mut result_rx) = mpsc::channel::<(usize, String)>(options.capacity);
    // URLs waiting for a fetcher, for the depth display.
    let waiting = Arc::new(AtomicUsize::new(0));

    // The producer: stops early if `stop` finishes first.
    let producer = tokio::spawn({
        let waiting = Arc::clone(&waiting);
        async move {
            tokio::pin!(stop);
            for (index, path) in paths.into_iter().enumerate() {
                tokio::select! {
                    sent = url_tx.send((index, path)) => {
                        if sent.is_err() { break }
                        let queued = url_tx.max_capacity() - url_tx.capacity();
                        waiting.store(queued, Ordering::Relaxed);
                    }
                    () = &mut stop => return true,
                }
            }
            false // `url_tx` is dropped here: the fetchers' queue closes
        }
    });

    // N fetchers share one receiver (an mpsc has one), each taking the
    // next URL in turn; each holds a clone of the results' sender.
    let url_rx = Arc::new(Mutex::new(url_rx));
    for _ in 0..options.fetchers {
        let (url_rx, result_tx) = (Arc::clone(&url_rx), result_tx.clone());
        let waiting = Arc::clone(&waiting);
        tokio::spawn(async move {
            loop {
                let next = {
                    let mut urls = url_rx.lock().await;
                    let next = urls.recv().await;
                    waiting.store(urls.len(), Ordering::Relaxed);
                    next
                }; // the lock ends here, before the fetch
                let Some((index, path)) = next else { break };
                let line = result_line(&path, &fetch(addr, &path).await);
                if result_tx.send((index, line)).await.is_err() {
                    break;
                }
            }
        });
    }
    // The writer holds no sender of its own queue, or it would never close.
    drop(result_tx);
    // ANCHOR_END: stages

    // ANCHOR: writer
    // The writer: prints results in input order, holding back those that
    // arrive early, and the queues' depths every 10 ms.
    let mut early = std::collections::BTreeMap::new();
    let (mut next, mut printed) = (0, 0);
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    loop {
        tokio::select! {
            got = result_rx.recv() => {
                let Some((index, line)) = got else { break };
                early.insert(index, line);
                while let Some(line) = early.remove(&next) {
                    print(&line);
                    (next, printed) = (next + 1, printed + 1);
                }
            }
            _ = tick.tick(), if options.depths => {
                let (urls, results) = (waiting.load(Ordering::Relaxed), result_rx.len());
                let line = format!(
                    "queues: urls {urls}/{cap} {:<cap$}  results {results}/{cap} {}",
                    bar(urls),
                    bar(results),
                    cap = options.capacity
                );
                print(line.trim_end());
            }
        }
    }
    // ANCHOR_END: writer
    if producer.await.unwrap_or(false) {
        print("Ctrl-C: stopped taking URLs, and finished those already queued.");
    }
    printed
}
