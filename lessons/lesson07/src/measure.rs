//! `lesson07 measure`: N line-protocol clients through a real server in a
//! child process, each sending M messages; what it costs the server.
//!
//! Each message carries the time it was sent (`t=MICROSECONDS` since the
//! measurement began, on this process's clock), so every client that
//! receives it records its fan-out latency: from the sender's write to the
//! receiver's read, through the server. The server's CPU time and peak
//! memory come from Linux's `/proc/PID` (unknown elsewhere). The clients
//! run in this process, on the same machine: they compete with the server
//! for the cores, which is part of what a figure from here means.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lessonkit::say;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;

/// What to measure: `clients` connected at once, each sending `messages`,
/// `rate` messages a second into the room in all.
#[derive(Debug, Clone)]
pub struct Plan {
    pub clients: usize,
    pub messages: usize,
    pub rate: u32,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            clients: 1000,
            messages: 2,
            rate: 200,
        }
    }
}

/// One server's figures. Every line sent to a client is `delivered`,
/// `missed` (skipped, and the client told so), or neither when the clients
/// stop reading: see [`Figures::unseen`].
#[derive(Debug)]
struct Figures {
    delivered: u64,
    expected: u64,
    per_second: f64,
    p50: Option<Duration>,
    p99: Option<Duration>,
    missed: u64,
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
}

impl Figures {
    /// Lines neither delivered nor reported missed when the clients stopped
    /// reading: still in the server's queue for a client (up to the room's
    /// capacity each) or in a socket's buffers, or skipped but not yet
    /// reported, because a client hears of a gap only with its next line
    /// (`Lagged` comes from the next `recv`; the twin's notice goes out
    /// before the next line it delivers).
    fn unseen(&self) -> u64 {
        self.expected.saturating_sub(self.delivered + self.missed)
    }
}

/// Runs the plan against this program's server, and with `python` against
/// the asyncio twin too, and prints one line for each.
pub async fn run(plan: Plan, python: bool) -> Result<(), String> {
    say!(
        "{} clients, {} messages each, {} messages/s into the room; every message goes to the {} others",
        plan.clients,
        plan.messages,
        plan.rate,
        plan.clients - 1
    );
    say!(
        "server   delivered            lines/s    p50 ms   p99 ms  missed  unseen   CPU s  peak RSS"
    );
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut rust = Command::new(exe);
    rust.args(["--addr", "127.0.0.1:0", "--tcp", "127.0.0.1:0"]);
    let mut servers = vec![("rust", rust)];
    let mut no_python = None;
    if python {
        // PYTHON if set, else python3 or python (on Windows `py -3` first).
        match lessonkit::python::find(11) {
            Ok(python) => {
                let script = concat!(env!("CARGO_MANIFEST_DIR"), "/python/chat_server.py");
                let mut twin = python.command();
                twin.args([script, "--tcp", "127.0.0.1:0"]);
                servers.push(("python", twin));
            }
            Err(e) => no_python = Some(e),
        }
    }
    for (name, mut command) in servers {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env_remove("RUST_LOG")
            .spawn()
            .map_err(|e| format!("cannot start the {name} server: {e}"))?;
        let result = match line_address(&mut child) {
            Ok(addr) => load(addr, &plan, child.id()).await,
            Err(e) => Err(e),
        };
        let _ = child.kill();
        let _ = child.wait();
        let f = result.map_err(|e| format!("{name}: {e}"))?;
        let ms = |d: Option<Duration>| {
            d.map_or("-".into(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0))
        };
        say!(
            "{name:<8} {:>9}/{:<9} {:>9.0} {:>9} {:>8} {:>7} {:>7} {:>7} {:>9}",
            f.delivered,
            f.expected,
            f.per_second,
            ms(f.p50),
            ms(f.p99),
            f.missed,
            f.unseen(),
            f.cpu
                .map_or("-".into(), |c| format!("{:.2}", c.as_secs_f64())),
            f.peak_kib
                .map_or("-".into(), |k| format!("{} MiB", k / 1024)),
        );
    }
    if let Some(e) = no_python {
        say!("python   skipped: {e}");
    }
    say!(
        "(delivered + missed + unseen = every line: unseen lines were still queued in the server \
         or its sockets when the clients stopped reading, 10 s after the last send, or were \
         skipped but not yet reported, since a client hears of a gap only with its next line)"
    );
    say!(
        "(clients and server share this machine's cores; build with --release for figures worth quoting)"
    );
    Ok(())
}

/// The line-protocol address a freshly started server prints.
fn line_address(child: &mut Child) -> Result<SocketAddr, String> {
    use std::io::BufRead;
    let out = child.stdout.take().ok_or("no standard output")?;
    let mut lines = std::io::BufReader::new(out).lines();
    let mut found = Err("the server did not say where it listens".to_string());
    for line in lines.by_ref().take(5) {
        let line = line.map_err(|e| e.to_string())?;
        if let Some(rest) = line.strip_prefix("line protocol:") {
            let addr = rest.split_whitespace().next().unwrap_or_default();
            found = addr
                .parse()
                .map_err(|_| format!("cannot read an address in {line:?}"));
            break;
        }
    }
    // The rest of its output is read and dropped, so that its next line
    // does not meet a closed pipe (which ends the Rust server).
    std::thread::spawn(move || lines.for_each(drop));
    found
}

async fn load(addr: SocketAddr, plan: &Plan, pid: u32) -> Result<Figures, String> {
    let clock = Instant::now();
    let done = tokio_util::sync::CancellationToken::new();
    let delivered = Arc::new(AtomicU64::new(0));
    let missed = Arc::new(AtomicU64::new(0));
    let mut writers: Vec<OwnedWriteHalf> = Vec::with_capacity(plan.clients);
    let mut readers = Vec::new();
    for i in 0..plan.clients {
        let stream = TcpStream::connect(addr)
            .await
            .map_err(|e| format!("client {i} cannot connect: {e}"))?;
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write
            .write_all(format!("c{i}\n").as_bytes())
            .await
            .map_err(|e| e.to_string())?;
        // The welcome, then the hello: joined.
        for _ in 0..2 {
            let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line()).await;
            match line {
                Ok(Ok(Some(line))) if !line.starts_with('!') => {}
                other => return Err(format!("client {i} could not join: {other:?}")),
            }
        }
        writers.push(write);
        let (done, delivered, missed) = (done.clone(), Arc::clone(&delivered), Arc::clone(&missed));
        readers.push(tokio::spawn(async move {
            let mut mine: Vec<u32> = Vec::new();
            loop {
                let line = tokio::select! {
                    _ = done.cancelled() => break,
                    line = lines.next_line() => match line {
                        Ok(Some(line)) => line,
                        _ => break,
                    },
                };
                if let Some(sent) = line
                    .split_once(": t=")
                    .and_then(|(_, t)| t.parse::<u64>().ok())
                {
                    let now = clock.elapsed().as_micros() as u64;
                    mine.push(now.saturating_sub(sent).min(u64::from(u32::MAX)) as u32);
                    delivered.fetch_add(1, Ordering::Relaxed);
                } else if let Some(n) = line
                    .strip_prefix("* you missed ")
                    .and_then(|r| r.split(' ').next())
                {
                    missed.fetch_add(n.parse().unwrap_or(0), Ordering::Relaxed);
                }
            }
            mine
        }));
    }
    // Let the join notices drain before the clock starts.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cpu_before = cpu_time(pid);
    let total = plan.clients * plan.messages;
    let expected = (total * (plan.clients - 1)) as u64;
    let start = Instant::now();
    let every = Duration::from_secs_f64(1.0 / f64::from(plan.rate));
    for k in 0..total {
        tokio::time::sleep_until((start + every * k as u32).into()).await;
        let line = format!("t={}\n", clock.elapsed().as_micros());
        let _ = writers[k % plan.clients].write_all(line.as_bytes()).await;
    }
    // Wait for the last deliveries, at most 10 s after the last send.
    let give_up = Instant::now() + Duration::from_secs(10);
    while delivered.load(Ordering::Relaxed) < expected && Instant::now() < give_up {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let elapsed = start.elapsed();
    let cpu = cpu_time(pid)
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let peak_kib = peak_kib(pid);
    done.cancel();
    let mut all = Vec::new();
    for reader in readers {
        all.extend(reader.await.unwrap_or_default());
    }
    drop(writers);
    all.sort_unstable();
    let at = |q: f64| {
        all.get(((all.len() as f64 - 1.0) * q) as usize)
            .map(|&us| Duration::from_micros(u64::from(us)))
    };
    let delivered = delivered.load(Ordering::Relaxed);
    Ok(Figures {
        delivered,
        expected,
        per_second: delivered as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
        missed: missed.load(Ordering::Relaxed),
        cpu,
        peak_kib,
    })
}

/// User plus system CPU time of process `pid` so far (Linux's
/// `/proc/PID/stat`, fields 14 and 15, in clock ticks of 1/100 s, the
/// USER_HZ every Linux architecture but a few old ones uses).
#[cfg(target_os = "linux")]
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name, field 2, is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

#[cfg(not(target_os = "linux"))]
fn cpu_time(_pid: u32) -> Option<Duration> {
    None
}

/// Peak resident memory of process `pid`, KiB (`VmHWM`; Linux only).
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| {
        l.strip_prefix("VmHWM:")?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    })
}

#[cfg(not(target_os = "linux"))]
fn peak_kib(_pid: u32) -> Option<u64> {
    None
}
