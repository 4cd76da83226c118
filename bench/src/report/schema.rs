//! What a run writes to results.json and reads back: the settings, the
//! points measured with their runs, and the targets judged.

use serde::{Deserialize, Serialize};

use super::statistics::littles_law_limit;
use crate::machine::{Machine, Versions};
use crate::stats::Stat;
use crate::wrk::WrkReport;

/// The hello programs, in the order tables and charts show them.
pub const HELLO_PROGRAMS: [(&str, &str); 4] = [
    ("python", "Python asyncio"),
    ("own", "lesson02, own executor"),
    ("current", "lesson02, tokio current-thread"),
    ("multi", "lesson02, tokio multi-thread"),
];

/// The servers, in the order tables and charts show them.
pub const SERVERS: [(&str, &str); 4] = [
    ("aiohttp", "aiohttp"),
    ("aiohttp-backlog", "aiohttp, backlog 8192"),
    ("lesson04", "lesson04 (axum)"),
    ("axum", "bare axum::serve (reference)"),
];

/// The label of `key` in `table` ([`HELLO_PROGRAMS`], [`SERVERS`]), or the
/// key itself.
pub fn label(table: &[(&'static str, &'static str)], key: &str) -> String {
    table
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(key, |(_, l)| l)
        .to_string()
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub repeats: usize,
    pub tasks: Vec<u64>,
    pub load_seconds: u64,
    pub sleep_connections: Vec<u32>,
    /// Connection counts of the runs without the sleep.
    pub raw_connections: Vec<u32>,
    /// Connection counts of the runs without the sleep with the server and
    /// wrk pinned to one core each (empty where `taskset` or a second core
    /// is missing).
    #[serde(default)]
    pub one_core_connections: Vec<u32>,
    pub wrk_threads: u32,
    pub wrk_timeout_s: u64,
    /// The build profile of the measured programs: "release", or "debug"
    /// for a check that measures nothing worth publishing.
    #[serde(default)]
    pub profile: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HelloRun {
    pub wall_s: f64,
    pub peak_rss_kib: u64,
    /// What the program printed (its one summary line, in quiet mode).
    pub output: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HelloPoint {
    /// A key of [`HELLO_PROGRAMS`].
    pub program: String,
    pub tasks: u64,
    pub runs: Vec<HelloRun>,
    /// Median peak RSS of the same program with 1 task, KiB.
    pub baseline_rss_kib: Option<f64>,
    pub wall_s: Option<Stat>,
    pub peak_rss_mib: Option<Stat>,
    /// (peak RSS − baseline) / tasks, per run.
    pub bytes_per_task: Option<Stat>,
    pub error: Option<String>,
}

impl HelloPoint {
    /// A point with no runs yet.
    pub fn new(program: &str, tasks: u64) -> HelloPoint {
        HelloPoint {
            program: program.to_string(),
            tasks,
            ..HelloPoint::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerRun {
    pub wrk: WrkReport,
    /// The server's peak RSS over the run, KiB.
    pub peak_rss_kib: Option<u64>,
    /// CPU time the server used over its life (start-up included), seconds.
    #[serde(default)]
    pub cpu_s: Option<f64>,
    /// CPU time wrk used, seconds: the load generator shares the machine.
    #[serde(default)]
    pub load_cpu_s: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerPoint {
    /// A key of [`SERVERS`].
    pub server: String,
    /// Whether the handlers sleep 0.5 s (the seed's server) or answer at once.
    pub sleep: bool,
    pub connections: u32,
    /// Pinned: the server on one core with one worker thread, wrk on
    /// another with one thread. Otherwise both share the whole machine.
    #[serde(default)]
    pub one_core: bool,
    pub load_seconds: u64,
    pub runs: Vec<ServerRun>,
    pub limit_rps: Option<f64>,
    /// Steady requests per second (the middle of each run; see `wrk::steady_rate`).
    pub requests_per_s: Option<Stat>,
    /// wrk's own figure: completed requests over the whole run.
    #[serde(default)]
    pub whole_run_rps: Option<Stat>,
    #[serde(default)]
    pub cpu_us_per_request: Option<Stat>,
    /// Cores wrk kept busy.
    #[serde(default)]
    pub load_cores: Option<Stat>,
    pub pct_of_limit: Option<Stat>,
    pub p50_ms: Option<Stat>,
    pub p99_ms: Option<Stat>,
    pub errors: Option<Stat>,
    pub peak_rss_mib: Option<Stat>,
    pub error: Option<String>,
}

impl ServerPoint {
    /// A point with no runs yet, and with the sleep the limit its
    /// connections allow.
    pub fn new(server: &str, sleep: bool, connections: u32, load_seconds: u64) -> ServerPoint {
        ServerPoint {
            server: server.to_string(),
            sleep,
            connections,
            load_seconds,
            limit_rps: sleep.then(|| littles_law_limit(connections)),
            ..ServerPoint::default()
        }
    }
}

/// One of the targets against what was measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub what: String,
    pub goal: String,
    pub measured: String,
    pub met: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub schema: u32,
    /// "full" or "quick".
    pub mode: String,
    pub date_utc: String,
    pub minutes: f64,
    pub command: String,
    pub machine: Machine,
    pub versions: Versions,
    pub settings: Settings,
    pub hello: Vec<HelloPoint>,
    pub server: Vec<ServerPoint>,
    pub targets: Vec<Target>,
    /// Anything that failed, one line each.
    pub problems: Vec<String>,
}

impl Results {
    pub fn hello_point(&self, program: &str, tasks: u64) -> Option<&HelloPoint> {
        self.hello
            .iter()
            .find(|p| p.program == program && p.tasks == tasks)
    }

    /// A point measured on the whole machine.
    pub fn server_point(
        &self,
        server: &str,
        sleep: bool,
        connections: u32,
    ) -> Option<&ServerPoint> {
        self.server_point_on(server, sleep, connections, false)
    }

    /// A point on the whole machine, or pinned to one core each.
    pub fn server_point_on(
        &self,
        server: &str,
        sleep: bool,
        connections: u32,
        one_core: bool,
    ) -> Option<&ServerPoint> {
        self.server.iter().find(|p| {
            p.server == server
                && p.sleep == sleep
                && p.connections == connections
                && p.one_core == one_core
        })
    }
}
