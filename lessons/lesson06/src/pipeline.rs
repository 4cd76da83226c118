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

use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::{StreamExt, stream};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{Mutex, mpsc, watch};
use tokio::task::JoinSet;

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

/// How the pipeline ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failed {
    /// A fetcher's task panicked; the panic's message. Its URL never got a
    /// result, so no line after it could have been printed in order.
    FetcherPanicked(String),
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failed::FetcherPanicked(why) => write!(
                f,
                "a fetcher panicked ({why}); its URL has no result, so the pipeline stopped"
            ),
        }
    }
}

/// Runs the pipeline over `paths` on the server at `addr`, calling `print`
/// with each line of output; stops taking new URLs when `stop` finishes.
/// Returns how many URLs were fetched.
pub async fn run(
    addr: SocketAddr,
    paths: Vec<String>,
    options: Options,
    stop: impl Future<Output = ()> + Send + 'static,
    print: impl FnMut(&str),
) -> Result<usize, Failed> {
    let fetch_line =
        move |path: String| async move { result_line(&path, &fetch(addr, &path).await) };
    run_with(paths, options, stop, fetch_line, print).await
}

/// The short form over the same server: see [`buffered_with`].
pub async fn run_buffered(
    addr: SocketAddr,
    paths: Vec<String>,
    n: usize,
    stop: impl Future<Output = ()>,
    print: impl FnMut(&str),
) -> usize {
    let fetch_line =
        move |path: String| async move { result_line(&path, &fetch(addr, &path).await) };
    buffered_with(paths, n, stop, fetch_line, print).await
}

/// The text of a task's panic.
fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or("a panic with no message", |text| text)
            .to_string(),
    }
}

// ANCHOR: stages
/// The pipeline, with `fetch_line(path)` as the fetch: a producer of URLs,
/// `options.fetchers` fetchers, and the writer, joined by two queues of
/// `options.capacity`. No fetcher starts URL `i` before URL `i - capacity`
/// has been printed, so at most `capacity` results exist that the writer
/// has not printed: a slow URL makes the fetchers wait, the URL queue
/// fills, and the producer waits.
pub async fn run_with<F, Fut>(
    paths: Vec<String>,
    options: Options,
    stop: impl Future<Output = ()> + Send + 'static,
    fetch_line: F,
    mut print: impl FnMut(&str),
) -> Result<usize, Failed>
where
    F: Fn(String) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = String> + Send + 'static,
{
    let (url_tx, url_rx) = mpsc::channel::<(usize, String)>(options.capacity);
    let (result_tx, result_rx) = mpsc::channel::<(usize, String)>(options.capacity);
    // How many lines the writer has printed: the fetchers' window.
    let (printed_tx, printed_rx) = watch::channel(0usize);
    // URLs waiting for a fetcher, for the depth display.
    let waiting = Arc::new(AtomicUsize::new(0));
    let producer = tokio::spawn(produce(paths, url_tx, stop, Arc::clone(&waiting)));

    // N fetchers share one receiver (an mpsc has one), each taking the
    // next URL in turn; each holds a clone of the results' sender. They
    // are in a JoinSet, so that the writer hears of one that panics.
    let url_rx = Arc::new(Mutex::new(url_rx));
    let fetch_line = Arc::new(fetch_line);
    let mut fetchers = JoinSet::new();
    for _ in 0..options.fetchers {
        fetchers.spawn(fetcher(
            Arc::clone(&url_rx),
            result_tx.clone(),
            printed_rx.clone(),
            options.capacity,
            Arc::clone(&fetch_line),
            Arc::clone(&waiting),
        ));
    }
    // The writer holds no sender of its own queue, or it would never close.
    drop(result_tx);
    let queues = Depths {
        waiting,
        show: options.depths,
        capacity: options.capacity,
    };
    let written = write(result_rx, printed_tx, &mut fetchers, queues, &mut print).await;
    if written.is_err() {
        producer.abort(); // and dropping `fetchers` aborts the others
    } else if producer.await.unwrap_or(false) {
        print("Ctrl-C: stopped taking URLs, and finished those already queued.");
    }
    written
}

/// The producer: sends each URL with its place, until `stop` finishes;
/// whether it was stopped.
async fn produce(
    paths: Vec<String>,
    url_tx: mpsc::Sender<(usize, String)>,
    stop: impl Future<Output = ()>,
    waiting: Arc<AtomicUsize>,
) -> bool {
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

/// One fetcher: takes the next URL, waits until it is one of the next
/// `window` to be printed, fetches it and sends its line.
async fn fetcher<F, Fut>(
    url_rx: Arc<Mutex<mpsc::Receiver<(usize, String)>>>,
    result_tx: mpsc::Sender<(usize, String)>,
    mut printed: watch::Receiver<usize>,
    window: usize,
    fetch_line: Arc<F>,
    waiting: Arc<AtomicUsize>,
) where
    F: Fn(String) -> Fut,
    Fut: Future<Output = String>,
{
    loop {
        let next = {
            let mut urls = url_rx.lock().await;
            let next = urls.recv().await;
            waiting.store(urls.len(), Ordering::Relaxed);
            next
        }; // the lock ends here, before the fetch
        let Some((index, path)) = next else { break };
        if printed
            .wait_for(|&done| index < done + window)
            .await
            .is_err()
        {
            break; // the writer has gone
        }
        let line = fetch_line(path).await;
        if result_tx.send((index, line)).await.is_err() {
            break;
        }
    }
}
// ANCHOR_END: stages

/// What the writer needs for its depth display.
struct Depths {
    waiting: Arc<AtomicUsize>,
    show: bool,
    capacity: usize,
}

// ANCHOR: writer
/// The writer: prints results in input order, holding back those that
/// arrive early (fewer than `capacity`, by the fetchers' window), and the
/// queues' depths every 10 ms; how many lines it printed. A fetcher that
/// panics ends the run with an error.
async fn write(
    mut result_rx: mpsc::Receiver<(usize, String)>,
    printed_tx: watch::Sender<usize>,
    fetchers: &mut JoinSet<()>,
    queues: Depths,
    print: &mut impl FnMut(&str),
) -> Result<usize, Failed> {
    let mut early = BTreeMap::new();
    let mut next = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(10));
    loop {
        tokio::select! {
            got = result_rx.recv() => {
                let Some((index, line)) = got else { break };
                early.insert(index, line);
                while let Some(line) = early.remove(&next) {
                    print(&line);
                    next += 1;
                }
                printed_tx.send_replace(next); // lets the fetchers on
            }
            Some(Err(e)) = fetchers.join_next() => {
                if e.is_panic() {
                    return Err(Failed::FetcherPanicked(panic_text(e.into_panic())));
                }
            }
            _ = tick.tick(), if queues.show => {
                let cap = queues.capacity;
                let (urls, results) = (queues.waiting.load(Ordering::Relaxed), result_rx.len());
                print(&format!(
                    "queues: urls {urls}/{cap} {:<cap$}  results {results}/{cap} {:<cap$}  \
                     held back {}",
                    bar(urls),
                    bar(results),
                    early.len(),
                ));
            }
        }
    }
    // The results' queue has closed: every fetcher is done, though one may
    // have panicked just as the last of the others finished.
    while let Some(joined) = fetchers.join_next().await {
        if let Err(e) = joined
            && e.is_panic()
        {
            return Err(Failed::FetcherPanicked(panic_text(e.into_panic())));
        }
    }
    Ok(next)
}
// ANCHOR_END: writer

// ANCHOR: buffered
/// The same pipeline in a few lines: a stream of the URLs (cut short when
/// `stop` finishes), each made into its fetch, and `buffered(n)`, which
/// runs up to `n` of those fetches at once and gives their lines in the
/// URLs' order. All of it runs in the caller's task.
pub async fn buffered_with<F, Fut>(
    paths: Vec<String>,
    n: usize,
    stop: impl Future<Output = ()>,
    fetch_line: F,
    mut print: impl FnMut(&str),
) -> usize
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = String>,
{
    let lines = stream::iter(paths)
        .take_until(stop)
        .map(fetch_line)
        .buffered(n);
    let mut lines = std::pin::pin!(lines); // `stop` may need a fixed place
    let mut printed = 0;
    while let Some(line) = lines.next().await {
        print(&line);
        printed += 1;
    }
    printed
}
// ANCHOR_END: buffered

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex as Shared;
    use std::sync::atomic::AtomicUsize;
    use tokio::time::{Instant, sleep};

    /// A stand-in fetch on tokio's clock: `/slow` takes 5 s (a fetch that
    /// waits out its timeout), `/boom` panics, every other path 10 ms.
    /// Counts the fetches started.
    fn fake(started: Arc<AtomicUsize>) -> impl Fn(String) -> BoxedLine + Send + Sync + 'static {
        move |path: String| {
            started.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                match path.as_str() {
                    "/slow" => sleep(Duration::from_secs(5)).await,
                    "/boom" => panic!("boom at {path}"),
                    _ => sleep(Duration::from_millis(10)).await,
                }
                format!("{path} done")
            })
        }
    }
    type BoxedLine = std::pin::Pin<Box<dyn Future<Output = String> + Send>>;

    fn paths(first: &str, more: usize) -> Vec<String> {
        let mut paths = vec![first.to_string()];
        paths.extend((1..=more).map(|n| format!("/page/{n}")));
        paths
    }

    const OPTIONS: Options = Options {
        fetchers: 3,
        capacity: 4,
        depths: false,
    };

    /// While the first URL takes 5 s, the fetchers fetch only the next few
    /// and then wait: at most `capacity` results exist unprinted, however
    /// many URLs there are. Then everything is printed, in order.
    #[tokio::test(start_paused = true)]
    async fn a_slow_url_holds_back_at_most_capacity_results() {
        let started = Arc::new(AtomicUsize::new(0));
        let lines = Arc::new(Shared::new(Vec::new()));
        let run = tokio::spawn({
            let (started, lines) = (Arc::clone(&started), Arc::clone(&lines));
            let print = move |line: &str| lines.lock().unwrap().push(line.to_string());
            run_with(
                paths("/slow", 99),
                OPTIONS,
                std::future::pending(),
                fake(started),
                print,
            )
        });
        sleep(Duration::from_secs(1)).await;
        let (fetched, printed) = (started.load(Ordering::SeqCst), lines.lock().unwrap().len());
        assert_eq!(
            printed, 0,
            "nothing can be printed before the first URL's line"
        );
        assert_eq!(
            fetched, OPTIONS.capacity,
            "while /slow is pending, the fetchers started {fetched} fetches: the window of \
             {} should have stopped them",
            OPTIONS.capacity
        );
        let start = Instant::now();
        assert_eq!(run.await.unwrap(), Ok(100));
        assert!(
            start.elapsed() <= Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        let want: Vec<String> = paths("/slow", 99)
            .iter()
            .map(|p| format!("{p} done"))
            .collect();
        assert_eq!(
            *lines.lock().unwrap(),
            want,
            "the lines, in the URLs' order"
        );
    }

    /// A fetcher that panics ends the run with an error that says so; the
    /// other fetchers, waiting for its URL's line, are not left waiting.
    #[tokio::test(start_paused = true)]
    async fn a_fetcher_that_panics_ends_the_run_with_an_error() {
        let mut urls = paths("/page/0", 1);
        urls.push("/boom".to_string());
        urls.extend(paths("/page/3", 20));
        let mut lines = Vec::new();
        let started = Arc::new(AtomicUsize::new(0));
        let got = run_with(
            urls,
            OPTIONS,
            std::future::pending(),
            fake(started),
            |line| lines.push(line.to_string()),
        )
        .await;
        assert_eq!(
            got,
            Err(Failed::FetcherPanicked("boom at /boom".to_string())),
            "the run's result"
        );
        // The panic comes at once, before the 10 ms of the pages before it:
        // the run stops then, printing nothing past /boom's place.
        assert!(lines.len() <= 2, "lines past /boom's place: {lines:?}");
    }

    /// The short form prints what the stages print, in the same order,
    /// with the same slow first URL; it too fetches at most `n` at once.
    #[tokio::test(start_paused = true)]
    async fn buffered_prints_what_the_stages_print() {
        let (mut staged, mut short) = (Vec::new(), Vec::new());
        let started = Arc::new(AtomicUsize::new(0));
        let fetch = fake(Arc::clone(&started));
        let stages = run_with(
            paths("/slow", 30),
            OPTIONS,
            std::future::pending(),
            fetch,
            |l| staged.push(l.to_string()),
        );
        assert_eq!(stages.await, Ok(31));
        let started = Arc::new(AtomicUsize::new(0));
        let mut lines = Box::pin(buffered_with(
            paths("/slow", 30),
            OPTIONS.capacity,
            std::future::pending(),
            fake(Arc::clone(&started)),
            |l| short.push(l.to_string()),
        ));
        let early = tokio::time::timeout(Duration::from_secs(1), &mut lines).await;
        assert!(
            early.is_err(),
            "the short form ended while /slow was pending"
        );
        assert_eq!(
            started.load(Ordering::SeqCst),
            OPTIONS.capacity,
            "fetches started"
        );
        assert_eq!((&mut lines).await, 31);
        drop(lines);
        assert_eq!(short, staged, "the short form's lines against the stages'");
    }

    /// In the short form every fetch runs in the caller's task, so a fetch
    /// that panics panics the caller: loud, not a line silently missing.
    #[tokio::test(start_paused = true)]
    async fn in_the_short_form_a_panic_is_the_callers() {
        let started = Arc::new(AtomicUsize::new(0));
        let run = tokio::spawn(buffered_with(
            paths("/boom", 5),
            3,
            std::future::pending(),
            fake(started),
            |_| {},
        ));
        let e = run
            .await
            .expect_err("a panicking fetch let the short form end");
        assert!(e.is_panic(), "{e}");
    }

    /// Both forms against the stand-in server print the Python twin's
    /// result lines (`python/pipeline.expected`, less its first and last).
    #[tokio::test]
    async fn both_forms_print_the_python_twins_lines() {
        let expected = include_str!("../python/pipeline.expected").replace("\r\n", "\n");
        let expected: Vec<&str> = expected.lines().collect();
        let want = &expected[1..expected.len() - 1];
        let server = crate::servers::PageServer::start().await.unwrap();
        let (mut staged, mut short) = (Vec::new(), Vec::new());
        let options = Options {
            depths: false,
            ..OPTIONS
        };
        let stop = std::future::pending();
        let done = run(server.addr, demo_paths(11), options, stop, |l| {
            staged.push(l.to_string())
        });
        assert_eq!(done.await, Ok(12));
        let stop = std::future::pending();
        let done = run_buffered(server.addr, demo_paths(11), 3, stop, |l| {
            short.push(l.to_string())
        });
        assert_eq!(done.await, 12);
        assert_eq!(staged, want, "the stages' lines against pipeline.expected");
        assert_eq!(
            short, want,
            "the short form's lines against pipeline.expected"
        );
    }
}
