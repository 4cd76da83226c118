//! The server under load: start it, wait until it answers, load it with
//! wrk for a fixed time, stop it, and read its peak memory.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::report::{SERVERS, ServerPoint, ServerRun, label, thousands};
use crate::runner;
use crate::wrk;

/// Every load goes here and nowhere else.
pub const LOOPBACK: Ipv4Addr = Ipv4Addr::LOCALHOST;

#[derive(Debug, Clone)]
pub enum ServerKind {
    /// bench/python/aiohttp_server.py under the environment's python, with
    /// aiohttp's default listen backlog (128) or the one given.
    Aiohttp {
        python: PathBuf,
        script: PathBuf,
        backlog: Option<u32>,
    },
    /// `lesson04 serve --addr 127.0.0.1:PORT [--no-sleep]` (lesson 04's contract).
    Lesson04 { exe: PathBuf },
    /// `axum-reference --addr 127.0.0.1:PORT [--no-sleep]`: bench's own bare
    /// `axum::serve` of the same routes (src/bin/axum-reference.rs).
    Reference { exe: PathBuf },
}

impl ServerKind {
    pub fn key(&self) -> &'static str {
        match self {
            ServerKind::Aiohttp { backlog: None, .. } => "aiohttp",
            ServerKind::Aiohttp {
                backlog: Some(_), ..
            } => "aiohttp-backlog",
            ServerKind::Lesson04 { .. } => "lesson04",
            ServerKind::Reference { .. } => "axum",
        }
    }

    pub fn command(&self, port: u16, sleep: bool) -> (PathBuf, Vec<String>) {
        let (program, mut args) = match self {
            ServerKind::Aiohttp {
                python,
                script,
                backlog,
            } => {
                let mut args = vec![
                    script.display().to_string(),
                    "--host".into(),
                    LOOPBACK.to_string(),
                    "--port".into(),
                    port.to_string(),
                ];
                if let Some(b) = backlog {
                    args.extend(["--backlog".into(), b.to_string()]);
                }
                (python.clone(), args)
            }
            ServerKind::Lesson04 { exe } => (
                exe.clone(),
                vec![
                    "serve".into(),
                    "--addr".into(),
                    SocketAddr::from((LOOPBACK, port)).to_string(),
                ],
            ),
            ServerKind::Reference { exe } => (
                exe.clone(),
                vec![
                    "--addr".into(),
                    SocketAddr::from((LOOPBACK, port)).to_string(),
                ],
            ),
        };
        if !sleep {
            args.push("--no-sleep".into());
        }
        (program, args)
    }
}

/// The cores of a one-core run: the server on the first, wrk on the second.
pub const SERVER_CORE: u32 = 0;
pub const LOAD_CORE: u32 = 1;

/// A server as measured: on the whole machine, or pinned to one core with
/// one worker thread while wrk runs on another.
#[derive(Debug, Clone)]
pub struct Server {
    pub kind: ServerKind,
    /// `taskset`, when the run is pinned: the server runs on [`SERVER_CORE`]
    /// with one worker thread, wrk on [`LOAD_CORE`] with one thread, so the
    /// figure is the server's own per-core rate, not a fight for two cores.
    pub one_core: Option<PathBuf>,
}

impl Server {
    pub fn whole_machine(kind: ServerKind) -> Server {
        Server {
            kind,
            one_core: None,
        }
    }

    /// The server's command line, under `taskset` when pinned.
    pub fn command(&self, port: u16, sleep: bool) -> (PathBuf, Vec<String>) {
        let (program, mut args) = self.kind.command(port, sleep);
        let Some(taskset) = &self.one_core else {
            return (program, args);
        };
        // aiohttp runs one event loop on one thread already.
        if !matches!(self.kind, ServerKind::Aiohttp { .. }) {
            args.extend(["--workers".into(), "1".into()]);
        }
        let mut pinned = vec![
            "-c".into(),
            SERVER_CORE.to_string(),
            program.display().to_string(),
        ];
        pinned.extend(args);
        (taskset.clone(), pinned)
    }

    /// wrk's command line, under `taskset` with one thread when pinned.
    pub fn load_command(
        &self,
        load: &Load,
        connections: u32,
        port: u16,
        sleep: bool,
    ) -> (PathBuf, Vec<String>) {
        let Some(taskset) = &self.one_core else {
            return (load.wrk.clone(), load.arguments(connections, port, sleep));
        };
        let one = Load {
            threads: 1,
            ..load.clone()
        };
        let mut args = vec![
            "-c".into(),
            LOAD_CORE.to_string(),
            load.wrk.display().to_string(),
        ];
        args.extend(one.arguments(connections, port, sleep));
        (taskset.clone(), args)
    }
}

/// How the load is applied.
#[derive(Debug, Clone)]
pub struct Load {
    pub wrk: PathBuf,
    pub threads: u32,
    pub seconds: u64,
    pub timeout_s: u64,
    /// bench/wrk/steady.lua: counts responses per second (used with the
    /// sleep only: without it the run's edges cost milliseconds, not half a
    /// second per connection, and the script would cost wrk CPU the server
    /// needs).
    pub script: PathBuf,
}

impl Load {
    pub fn arguments(&self, connections: u32, port: u16, sleep: bool) -> Vec<String> {
        let mut args = vec![
            "-t".into(),
            self.threads.min(connections).to_string(),
            "-c".into(),
            connections.to_string(),
            "-d".into(),
            format!("{}s", self.seconds),
            "--timeout".into(),
            format!("{}s", self.timeout_s),
            "--latency".into(),
        ];
        if sleep {
            args.extend(["--script".into(), self.script.display().to_string()]);
        }
        args.push(format!("http://{}/", SocketAddr::from((LOOPBACK, port))));
        args
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((LOOPBACK, 0))?.local_addr()?.port())
}

/// One `GET /` with `Connection: close`; whether it came back 200.
fn answers(port: u16) -> bool {
    let addr = SocketAddr::from((LOOPBACK, port));
    let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = s.set_write_timeout(Some(Duration::from_secs(5)));
    if s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 12];
    s.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.1 200")
}

/// Runs every server at each of its `(sleep, connections)` points,
/// `repeats` times, the servers alternating, a fresh server for each run.
pub fn measure(
    servers: &[(Server, Vec<(bool, u32)>)],
    repeats: usize,
    load: &Load,
    logs: &Path,
) -> (Vec<ServerPoint>, Vec<String>) {
    let mut out: Vec<ServerPoint> = Vec::new();
    let mut all_points: Vec<(bool, u32)> = Vec::new();
    for (s, points) in servers {
        for &(sleep, c) in points {
            let mut point = ServerPoint::new(s.kind.key(), sleep, c, load.seconds);
            point.one_core = s.one_core.is_some();
            out.push(point);
            if !all_points.contains(&(sleep, c)) {
                all_points.push((sleep, c));
            }
        }
    }
    for rep in 0..repeats {
        for &(sleep, connections) in &all_points {
            for (server, _) in servers {
                let Some(point) = out.iter_mut().find(|p| {
                    p.server == server.kind.key()
                        && p.sleep == sleep
                        && p.connections == connections
                        && p.one_core == server.one_core.is_some()
                }) else {
                    continue;
                };
                if point.error.is_some() {
                    continue;
                }
                let cores = if server.one_core.is_some() {
                    ", one core each"
                } else {
                    ""
                };
                let what = format!(
                    "{}, {}, {} connections{cores}",
                    label(&SERVERS, server.kind.key()),
                    if sleep { "0.5 s sleep" } else { "no sleep" },
                    thousands(u64::from(connections))
                );
                let tag = format!(
                    "server-{}{}-{}-{connections}-{rep}",
                    server.kind.key(),
                    if server.one_core.is_some() {
                        "-1core"
                    } else {
                        ""
                    },
                    if sleep { "sleep" } else { "nosleep" }
                );
                match run_once(server, sleep, connections, load, logs, &tag) {
                    Ok(run) => {
                        eprintln!(
                            "bench: server {what}, run {}/{repeats}: {:.0} req/s steady ({:.0} whole run), p50 {:.1} ms, p99 {:.1} ms, {} errors, {} MiB",
                            rep + 1,
                            run.requests_per_s(),
                            run.wrk.requests_per_s,
                            run.wrk.p50_ms,
                            run.wrk.p99_ms,
                            run.wrk.errors(),
                            run.peak_rss_kib
                                .map_or("?".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
                        );
                        point.runs.push(run);
                    }
                    Err(e) => {
                        eprintln!("bench: server {what}: {e}");
                        point.error = Some(e);
                    }
                }
            }
        }
    }
    let mut problems = Vec::new();
    for p in &mut out {
        p.summarize();
        if let Some(e) = &p.error {
            problems.push(format!(
                "server {}, {} connections{}{}: {e}",
                label(&SERVERS, &p.server),
                thousands(u64::from(p.connections)),
                if p.sleep { "" } else { ", no sleep" },
                if p.one_core { ", one core each" } else { "" }
            ));
        }
    }
    (out, problems)
}

fn run_once(
    server: &Server,
    sleep: bool,
    connections: u32,
    load: &Load,
    logs: &Path,
    tag: &str,
) -> Result<ServerRun, String> {
    let port = free_port().map_err(|e| format!("no free port on 127.0.0.1: {e}"))?;
    let (program, args) = server.command(port, sleep);
    let mut running = runner::spawn(&program, &args, logs, tag)
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if running.try_wait().map_err(|e| e.to_string())?.is_some() {
            return Err(format!(
                "the server exited at start: {}",
                running.stderr_tail()
            ));
        }
        if answers(port) {
            break;
        }
        if Instant::now() > deadline {
            return Err("the server did not answer GET / within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let (wrk, wrk_args) = server.load_command(load, connections, port, sleep);
    let mut loader = runner::spawn(&wrk, &wrk_args, logs, &format!("{tag}-wrk"))
        .map_err(|e| format!("cannot start wrk: {e}"))?;
    let limit = Duration::from_secs(load.seconds + load.timeout_s + 30);
    if loader.wait_for(limit).map_err(|e| e.to_string())?.is_none() {
        loader.kill();
        return Err(format!(
            "wrk did not finish within {} s: killed",
            limit.as_secs()
        ));
    }
    let period_ms = (crate::report::HANDLER_SLEEP_S * 1000.0) as u64;
    let report = wrk::parse(&loader.stdout(), period_ms)
        .map_err(|e| format!("{e}; wrk said: {}", loader.stderr_tail()))?;
    let load_cpu_s = loader.report().map(|r| r.cpu_s);
    if running.try_wait().map_err(|e| e.to_string())?.is_some() {
        return Err(format!(
            "the server died under load: {}",
            running.stderr_tail()
        ));
    }
    let stopped = running
        .stop(Duration::from_secs(10))
        .map_err(|e| e.to_string())?;
    let usage = if stopped {
        running.report()
    } else {
        eprintln!("bench: {tag}: the server ignored SIGINT and SIGTERM; killed, no peak memory");
        None
    };
    Ok(ServerRun {
        wrk: report,
        peak_rss_kib: usage.as_ref().map(|r| r.max_rss_kib),
        cpu_s: usage.as_ref().map(|r| r.cpu_s),
        load_cpu_s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_follow_the_contracts() {
        let rust = ServerKind::Lesson04 {
            exe: "/t/lesson04".into(),
        };
        let (p, a) = rust.command(4000, false);
        assert_eq!(p, PathBuf::from("/t/lesson04"));
        assert_eq!(a.join(" "), "serve --addr 127.0.0.1:4000 --no-sleep");
        let py = ServerKind::Aiohttp {
            python: "/v/python".into(),
            script: "/b/aiohttp_server.py".into(),
            backlog: None,
        };
        assert_eq!(
            py.command(4000, true).1.join(" "),
            "/b/aiohttp_server.py --host 127.0.0.1 --port 4000"
        );
        let deep = ServerKind::Aiohttp {
            python: "/v/python".into(),
            script: "/b/aiohttp_server.py".into(),
            backlog: Some(8192),
        };
        assert_eq!(deep.key(), "aiohttp-backlog");
        let bare = ServerKind::Reference {
            exe: "/t/axum-reference".into(),
        };
        assert_eq!(bare.key(), "axum");
        let (p, a) = bare.command(4000, false);
        assert_eq!(p, PathBuf::from("/t/axum-reference"));
        assert_eq!(a.join(" "), "--addr 127.0.0.1:4000 --no-sleep");
        assert_eq!(
            bare.command(4000, true).1.join(" "),
            "--addr 127.0.0.1:4000"
        );
        assert!(
            deep.command(4000, true)
                .1
                .join(" ")
                .ends_with("--port 4000 --backlog 8192")
        );
    }

    /// One core each: the server on core 0 with one worker thread, wrk on
    /// core 1 with one thread; aiohttp has one thread anyway.
    #[test]
    fn one_core_runs_are_pinned() {
        let load = Load {
            wrk: "/u/wrk".into(),
            threads: 2,
            seconds: 5,
            timeout_s: 10,
            script: "/b/steady.lua".into(),
        };
        let pinned = |kind| Server {
            kind,
            one_core: Some("/u/taskset".into()),
        };
        let bare = pinned(ServerKind::Reference {
            exe: "/t/axum-reference".into(),
        });
        let (p, a) = bare.command(4000, false);
        assert_eq!(p, PathBuf::from("/u/taskset"));
        assert_eq!(
            a.join(" "),
            "-c 0 /t/axum-reference --addr 127.0.0.1:4000 --no-sleep --workers 1"
        );
        let rust = pinned(ServerKind::Lesson04 {
            exe: "/t/lesson04".into(),
        });
        assert_eq!(
            rust.command(4000, false).1.join(" "),
            "-c 0 /t/lesson04 serve --addr 127.0.0.1:4000 --no-sleep --workers 1"
        );
        let py = pinned(ServerKind::Aiohttp {
            python: "/v/python".into(),
            script: "/b/aiohttp_server.py".into(),
            backlog: None,
        });
        assert_eq!(
            py.command(4000, false).1.join(" "),
            "-c 0 /v/python /b/aiohttp_server.py --host 127.0.0.1 --port 4000 --no-sleep"
        );
        let (p, a) = bare.load_command(&load, 100, 4000, false);
        assert_eq!(p, PathBuf::from("/u/taskset"));
        assert_eq!(
            a.join(" "),
            "-c 1 /u/wrk -t 1 -c 100 -d 5s --timeout 10s --latency http://127.0.0.1:4000/"
        );
        // On the whole machine: no taskset, wrk's own thread count.
        let whole = Server::whole_machine(ServerKind::Reference {
            exe: "/t/axum-reference".into(),
        });
        assert_eq!(
            whole.command(4000, false).0,
            PathBuf::from("/t/axum-reference")
        );
        let (p, a) = whole.load_command(&load, 100, 4000, false);
        assert_eq!((p, a[1].as_str()), (PathBuf::from("/u/wrk"), "2"));
    }

    #[test]
    fn load_stays_on_loopback_and_is_bounded() {
        let load = Load {
            wrk: "wrk".into(),
            threads: 2,
            seconds: 5,
            timeout_s: 10,
            script: "/b/steady.lua".into(),
        };
        assert_eq!(
            load.arguments(8000, 4000, true).join(" "),
            "-t 2 -c 8000 -d 5s --timeout 10s --latency --script /b/steady.lua http://127.0.0.1:4000/"
        );
        assert_eq!(
            load.arguments(1, 4000, true)[1],
            "1",
            "wrk needs threads ≤ connections"
        );
    }
}
