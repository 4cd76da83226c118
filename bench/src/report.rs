//! The results of a run, the targets they are held against, and the
//! markdown the book includes.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

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

/// The 0.5 s each handler sleeps, which bounds the requests per second a
/// connection can carry.
pub const HANDLER_SLEEP_S: f64 = 0.5;

/// Little's law: with C connections each waiting `HANDLER_SLEEP_S` per
/// request, at most C / 0.5 s requests per second complete.
pub fn littles_law_limit(connections: u32) -> f64 {
    f64::from(connections) / HANDLER_SLEEP_S
}

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub fn new(program: &str, tasks: u64) -> HelloPoint {
        HelloPoint {
            program: program.to_string(),
            tasks,
            runs: Vec::new(),
            baseline_rss_kib: None,
            wall_s: None,
            peak_rss_mib: None,
            bytes_per_task: None,
            error: None,
        }
    }

    /// Fills the statistics from the runs.
    pub fn summarize(&mut self) {
        let wall: Vec<f64> = self.runs.iter().map(|r| r.wall_s).collect();
        let rss: Vec<f64> = self.runs.iter().map(|r| r.peak_rss_kib as f64).collect();
        self.wall_s = Stat::of(&wall);
        self.peak_rss_mib = Stat::of(&rss).map(|s| s.map(|k| k / 1024.0));
        self.bytes_per_task = self.baseline_rss_kib.and_then(|base| {
            let per: Vec<f64> = rss
                .iter()
                .map(|k| (k - base) * 1024.0 / self.tasks as f64)
                .collect();
            Stat::of(&per)
        });
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

impl ServerRun {
    /// How many cores wrk kept busy, on average over its run.
    pub fn load_cores(&self) -> Option<f64> {
        let cpu = self.load_cpu_s?;
        (self.wrk.duration_s > 0.0).then(|| cpu / self.wrk.duration_s)
    }

    /// The steady rate when wrk's script counted one, else wrk's own figure.
    pub fn requests_per_s(&self) -> f64 {
        self.wrk
            .steady_requests_per_s
            .unwrap_or(self.wrk.requests_per_s)
    }

    /// The server's CPU time per completed request, microseconds.
    pub fn cpu_us_per_request(&self) -> Option<f64> {
        let cpu = self.cpu_s?;
        (self.wrk.requests > 0).then(|| cpu * 1e6 / self.wrk.requests as f64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    pub fn new(server: &str, sleep: bool, connections: u32, load_seconds: u64) -> ServerPoint {
        ServerPoint {
            server: server.to_string(),
            sleep,
            connections,
            one_core: false,
            load_seconds,
            runs: Vec::new(),
            limit_rps: sleep.then(|| littles_law_limit(connections)),
            requests_per_s: None,
            whole_run_rps: None,
            cpu_us_per_request: None,
            load_cores: None,
            pct_of_limit: None,
            p50_ms: None,
            p99_ms: None,
            errors: None,
            peak_rss_mib: None,
            error: None,
        }
    }

    pub fn summarize(&mut self) {
        let of =
            |f: &dyn Fn(&ServerRun) -> f64| Stat::of(&self.runs.iter().map(f).collect::<Vec<_>>());
        self.requests_per_s = of(&|r| r.requests_per_s());
        self.whole_run_rps = of(&|r| r.wrk.requests_per_s);
        let cpu: Vec<f64> = self
            .runs
            .iter()
            .filter_map(ServerRun::cpu_us_per_request)
            .collect();
        self.cpu_us_per_request = Stat::of(&cpu);
        let cores: Vec<f64> = self.runs.iter().filter_map(ServerRun::load_cores).collect();
        self.load_cores = Stat::of(&cores);
        self.pct_of_limit = self
            .limit_rps
            .and_then(|limit| self.requests_per_s.map(|s| s.map(|v| v / limit * 100.0)));
        self.p50_ms = of(&|r| r.wrk.p50_ms);
        self.p99_ms = of(&|r| r.wrk.p99_ms);
        self.errors = of(&|r| r.wrk.errors() as f64);
        let rss: Vec<f64> = self
            .runs
            .iter()
            .filter_map(|r| r.peak_rss_kib)
            .map(|k| k as f64 / 1024.0)
            .collect();
        self.peak_rss_mib = Stat::of(&rss);
    }
}

/// One of the issue's targets against what was measured.
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

/// 1234567 as "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A figure as "median [lowest–highest]", or just the median when measured once.
pub fn stat(s: Option<Stat>, decimals: usize) -> String {
    match s {
        None => "–".into(),
        Some(s) if s.runs < 2 => format!("{:.*}", decimals, s.median),
        Some(s) => format!(
            "{:.*} [{:.*}–{:.*}]",
            decimals, s.median, decimals, s.min, decimals, s.max
        ),
    }
}

/// A figure for an HTML cell: the median, and under it, smaller, the range.
pub fn cell_stat(s: Option<Stat>, decimals: usize) -> String {
    match s {
        None => "–".into(),
        Some(s) if s.runs < 2 => format!("{:.*}", decimals, s.median),
        Some(s) => format!(
            "{:.*}<br><small>{:.*}–{:.*}</small>",
            decimals, s.median, decimals, s.min, decimals, s.max
        ),
    }
}

/// Seconds since the Unix epoch as `YYYY-MM-DD HH:MM UTC`.
pub fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// An HTML table, one line per row and no blank line, so that markdown
/// keeps it as one HTML block. The book's translation tools skip HTML
/// blocks: the figures, which change with every run, never become messages
/// to translate, only the headings and sentences around them do.
fn html_table(head: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    html_table_styled(head, rows, "")
}

/// [`html_table`] with a style on the table (for the widest, a smaller font).
fn html_table_styled(head: &[(&str, Align)], rows: &[Vec<String>], style: &str) -> String {
    let align = |a: Align| match a {
        Align::Left => "",
        Align::Right => r#" style="text-align: right""#,
    };
    // mdBook's own class for tables: scrolls sideways when too wide.
    let mut t = if style.is_empty() {
        String::from("<div class=\"table-wrapper\"><table>\n<thead><tr>")
    } else {
        format!("<div class=\"table-wrapper\"><table style=\"{style}\">\n<thead><tr>")
    };
    for (h, a) in head {
        let _ = write!(t, "<th{}>{}</th>", align(*a), escape(h));
    }
    t.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        t.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let a = head.get(i).map_or(Align::Left, |h| h.1);
            // Cells are escaped by whoever made them (some hold markup).
            let _ = write!(t, "<td{}>{cell}</td>", align(a));
        }
        t.push_str("</tr>\n");
    }
    t.push_str("</tbody>\n</table></div>\n");
    t
}

/// Text made safe for HTML, in text and in a double-quoted attribute
/// (`&`, `<`, `>` and `"`), by the html-escape crate.
pub fn escape(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// The markdown the book's "Measured" page includes: headings and fixed
/// sentences in markdown, every figure in HTML tables (see [`html_table`]):
/// the run, hello, the servers, the targets and any problem.
pub fn markdown(r: &Results) -> String {
    let mut md = String::new();
    run_section(r, &mut md);
    hello_section(r, &mut md);
    server_section(r, &mut md);
    targets_section(r, &mut md);
    md
}

/// What ran, where and when.
fn run_section(r: &Results, w: &mut String) {
    use Align::Left as L;
    let m = &r.machine;
    let v = &r.versions;
    let s = &r.settings;
    let _ = writeln!(
        w,
        "<!-- Written by `cargo bench-course` (bench/src/report.rs) from results.json; do not edit. -->\n"
    );
    let quick = if r.mode == "quick" {
        " (quick mode: CI-sized, not for publishing)"
    } else {
        ""
    };
    let run = vec![
        vec![
            "command".into(),
            format!("<code>{}</code>", escape(&r.command)),
        ],
        vec![
            "date".into(),
            escape(&format!("{}, {:.1} minutes{quick}", r.date_utc, r.minutes)),
        ],
        vec![
            "machine".into(),
            escape(&format!(
                "{}, {} cores, {:.1} GiB; {}, Linux {}",
                m.cpu_model, m.cores, m.memory_gib, m.os, m.kernel
            )),
        ],
        vec![
            "load average (1 min)".into(),
            format!(
                "{:.2} at the start, {:.2} at the end",
                m.load_at_start, m.load_at_end
            ),
        ],
        vec![
            "versions".into(),
            escape(&format!(
                "{}; tokio {}, axum {}; Python {}, aiohttp {}; {}",
                v.rustc, v.tokio, v.axum, v.python, v.aiohttp, v.wrk
            )),
        ],
        vec![
            "method".into(),
            escape(&format!(
                "{} builds; each figure: the median of {} run(s), the lowest–highest under it; load: wrk, \
                 {} threads, {} s per figure, {} s request timeout; open-file limit {}, somaxconn {}",
                if s.profile.is_empty() {
                    "release"
                } else {
                    &s.profile
                },
                s.repeats,
                s.wrk_threads,
                s.load_seconds,
                s.wrk_timeout_s,
                m.open_files,
                m.somaxconn
            )),
        ],
    ];
    let _ = writeln!(w, "{}", html_table(&[("the run", L), ("", L)], &run));
}

/// hello: one row per program and task count.
fn hello_section(r: &Results, w: &mut String) {
    use Align::{Left as L, Right as R};
    let _ = writeln!(
        w,
        "#### hello: N tasks that each sleep 1 s (quiet)\n\n\
         Wall time is the whole process, from start to exit. Bytes per task: (peak RSS \
         − peak RSS of the same program with 1 task) ÷ N.\n"
    );
    let mut tasks: Vec<u64> = r.hello.iter().map(|p| p.tasks).collect();
    tasks.sort_unstable();
    tasks.dedup();
    let mut rows = Vec::new();
    for n in &tasks {
        for (key, name) in HELLO_PROGRAMS {
            let Some(p) = r.hello_point(key, *n) else {
                continue;
            };
            if let Some(e) = &p.error
                && p.wall_s.is_none()
            {
                rows.push(vec![
                    name.into(),
                    thousands(*n),
                    format!("failed: {}", escape(e)),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
                continue;
            }
            let over = p.wall_s.map_or("–".into(), |s| {
                format!("{:+.1}%", (s.median - 1.0) * 100.0)
            });
            let per_task = if p.tasks == 1 {
                "(the baseline)".into()
            } else {
                cell_stat(p.bytes_per_task, 0)
            };
            rows.push(vec![
                name.into(),
                thousands(*n),
                cell_stat(p.wall_s, 3),
                over,
                cell_stat(p.peak_rss_mib, 1),
                per_task,
            ]);
        }
    }
    let _ = writeln!(
        w,
        "{}",
        html_table(
            &[
                ("program", L),
                ("tasks", R),
                ("wall time (s)", R),
                ("over the 1 s floor", R),
                ("peak RSS (MiB)", R),
                ("bytes per task", R),
            ],
            &rows
        )
    );
}

/// The servers: one table with the sleep, one without.
fn server_section(r: &Results, w: &mut String) {
    use Align::{Left as L, Right as R};
    let _ = writeln!(
        w,
        "#### The server: `GET /` from wrk over keep-alive connections\n\n\
         With the seed's 0.5 s sleep, C connections can carry at most C ÷ 0.5 s requests \
         per second (Little's law): the limit. Without it, the figure is raw throughput. \
         With the sleep, req/s is the steady rate in the run's middle (responses counted \
         per millisecond, averaged over every phase of the 0.5 s period; see \
         `bench/src/wrk.rs`); \"whole run\" is wrk's own figure, which also divides by the \
         start and by the requests cut off in flight at the end (up to 0.5 s of each \
         connection's work). Without the sleep the two are one figure. CPU per request: \
         the server's CPU time (user + system, start-up included) ÷ the requests it \
         completed. wrk's CPU: the cores the load generator itself kept busy on the same \
         machine. The bare axum::serve is the reference: the same two routes with no limits \
         and no layers (`bench/src/bin/axum-reference.rs`), so the gap to lesson04 is what \
         its limits cost. Rows marked \"one core each\" pin the server to core 0 with one \
         worker thread and wrk (one thread) to core 1 (`taskset`): each server's rate per \
         core. The other rows share every core between the server and wrk: what the \
         machine serves when nothing is held back.\n"
    );
    let mut points: Vec<&ServerPoint> = r.server.iter().collect();
    points.sort_by_key(|p| {
        (
            p.one_core,
            p.connections,
            SERVERS.iter().position(|(k, _)| *k == p.server),
        )
    });
    for sleep in [true, false] {
        let mut rows = Vec::new();
        for p in points.iter().filter(|p| p.sleep == sleep) {
            let mut name = escape(&label(&SERVERS, &p.server));
            if p.one_core {
                name.push_str("<br><small>one core each</small>");
            }
            let mut c = thousands(u64::from(p.connections));
            if let Some(limit) = p.limit_rps {
                let _ = write!(c, "<br><small>limit {}/s</small>", thousands(limit as u64));
            }
            let mut row = vec![name, c];
            if let (Some(e), None) = (&p.error, p.requests_per_s) {
                row.push(format!("failed: {}", escape(e)));
                row.resize(if sleep { 11 } else { 9 }, String::new());
                rows.push(row);
                continue;
            }
            row.push(cell_stat(p.requests_per_s, 0));
            if sleep {
                row.push(cell_stat(p.pct_of_limit, 1));
                row.push(cell_stat(p.whole_run_rps, 0));
            }
            // Half a second and more needs no tenths of a millisecond.
            let ms = if sleep { 0 } else { 1 };
            row.extend([
                cell_stat(p.p50_ms, ms),
                cell_stat(p.p99_ms, ms),
                cell_stat(p.errors, 0),
                cell_stat(p.cpu_us_per_request, 1),
                cell_stat(p.peak_rss_mib, 1),
                cell_stat(p.load_cores, 2),
            ]);
            rows.push(row);
        }
        if rows.is_empty() {
            continue;
        }
        let mut head = vec![("server", L), ("connections", R), ("req/s", R)];
        if sleep {
            let _ = writeln!(w, "With the 0.5 s sleep:\n");
            head.extend([("% of limit", R), ("whole run (req/s)", R)]);
        } else {
            let _ = writeln!(w, "Without the sleep:\n");
        }
        head.extend([
            ("p50 (ms)", R),
            ("p99 (ms)", R),
            ("errors", R),
            ("CPU per request (µs)", R),
            ("peak RSS (MiB)", R),
            ("wrk's CPU (cores)", R),
        ]);
        let _ = writeln!(
            w,
            "{}",
            html_table_styled(&head, &rows, "font-size: 0.85em")
        );
    }
}

/// The targets judged, and anything that failed.
fn targets_section(r: &Results, w: &mut String) {
    use Align::Left as L;
    if !r.targets.is_empty() {
        let _ = writeln!(
            w,
            "#### Targets (`bench/targets.toml`; measured, not asserted)\n"
        );
        let rows: Vec<Vec<String>> = r
            .targets
            .iter()
            .map(|t| {
                vec![
                    escape(&t.what),
                    escape(&t.goal),
                    escape(&t.measured),
                    if t.met {
                        "met".into()
                    } else {
                        "<strong>missed</strong>".into()
                    },
                ]
            })
            .collect();
        let _ = writeln!(
            w,
            "{}",
            html_table(
                &[
                    ("target", L),
                    ("goal", L),
                    ("measured (median)", L),
                    ("", L)
                ],
                &rows
            )
        );
    }
    if !r.problems.is_empty() {
        let _ = writeln!(w, "#### Problems in this run\n");
        let rows: Vec<Vec<String>> = r.problems.iter().map(|p| vec![escape(p)]).collect();
        let _ = writeln!(w, "{}", html_table(&[("problem", L)], &rows));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{judge, rules};

    fn wrk(rps: f64, p99: f64) -> WrkReport {
        WrkReport {
            requests: (rps * 5.0) as u64,
            duration_s: 5.0,
            requests_per_s: rps,
            p50_ms: 501.0,
            p75_ms: 502.0,
            p90_ms: 503.0,
            p99_ms: p99,
            connect_errors: 0,
            read_errors: 0,
            write_errors: 0,
            timeouts: 0,
            non_2xx_3xx: 0,
            steady_requests_per_s: Some(rps),
            steady_seconds: 3.0,
        }
    }

    fn sample() -> Results {
        let mut hello = Vec::new();
        for (key, walls, rss) in [
            ("python", [1.80, 1.82, 1.79], [60_000u64, 61_000, 59_000]),
            ("multi", [1.01, 1.02, 1.011], [7_000, 7_100, 6_900]),
        ] {
            let mut p = HelloPoint::new(key, 10_000);
            p.baseline_rss_kib = Some(4_000.0);
            p.runs = walls
                .iter()
                .zip(rss)
                .map(|(&wall_s, peak_rss_kib)| HelloRun {
                    wall_s,
                    peak_rss_kib,
                    output: String::new(),
                })
                .collect();
            p.summarize();
            hello.push(p);
        }
        let mut server = Vec::new();
        // (server, sleep, connections, req/s, p99 ms, peak RSS KiB); the
        // points without the sleep are the one-core-each rows.
        for (key, sleep, c, rps, p99, rss) in [
            ("lesson04", true, 8000, 15_900.0, 540.0, 120_000),
            ("aiohttp", true, 8000, 6_700.0, 2400.0, 110_000),
            ("lesson04", true, 1000, 1_990.0, 510.0, 20_000),
            ("aiohttp", true, 1000, 1_970.0, 700.0, 40_000),
            ("lesson04", false, 100, 70_000.0, 3.0, 10_000),
            ("aiohttp", false, 100, 10_000.0, 20.0, 30_000),
            ("axum", false, 100, 80_000.0, 3.0, 10_000),
        ] {
            let mut p = ServerPoint::new(key, sleep, c, 5);
            p.one_core = !sleep;
            p.runs = vec![
                ServerRun {
                    wrk: wrk(rps, p99),
                    peak_rss_kib: Some(rss),
                    cpu_s: Some(rps * 5.0 * 20e-6),
                    load_cpu_s: Some(4.0),
                };
                3
            ];
            p.summarize();
            server.push(p);
        }
        let mut r = Results {
            schema: 1,
            mode: "full".into(),
            date_utc: utc(0),
            command: "cargo bench-course".into(),
            settings: Settings {
                repeats: 3,
                raw_connections: vec![100],
                ..Settings::default()
            },
            hello,
            server,
            ..Results::default()
        };
        r.targets = judge(&r, &rules());
        r
    }

    #[test]
    fn hello_statistics() {
        let r = sample();
        let p = r.hello_point("multi", 10_000).unwrap();
        assert_eq!(p.wall_s.unwrap().median, 1.011);
        assert_eq!(p.peak_rss_mib.unwrap().median, 7_000.0 / 1024.0);
        // (7000 KiB − 4000 KiB) × 1024 / 10,000 tasks
        assert!((p.bytes_per_task.unwrap().median - 307.2).abs() < 1e-9);
    }

    #[test]
    fn server_statistics_against_the_limit() {
        let r = sample();
        let p = r.server_point("lesson04", true, 8000).unwrap();
        assert_eq!(p.limit_rps, Some(16_000.0));
        assert!((p.pct_of_limit.unwrap().median - 99.375).abs() < 1e-9);
        let raw = r.server_point_on("lesson04", false, 100, true).unwrap();
        assert_eq!((raw.limit_rps, raw.pct_of_limit), (None, None));
        assert!((raw.cpu_us_per_request.unwrap().median - 20.0).abs() < 1e-9);
    }

    #[test]
    fn targets_are_judged() {
        let r = sample();
        let by = |what: &str| r.targets.iter().find(|t| t.what.starts_with(what)).unwrap();
        assert!(by("hello, 10,000 tasks, lesson02, tokio multi-thread").met);
        assert!(by("lesson04, 0.5 s sleep, 8,000").met);
        let raw = by("lesson04 without the sleep, 100 connections, one core each");
        assert!(raw.met, "{raw:?}");
        assert!(raw.measured.starts_with("7.00×"), "{raw:?}");
        // 70,000 against the reference's 80,000: 88%, under the 90% asked.
        let reference = r
            .targets
            .iter()
            .find(|t| t.goal.contains("reference"))
            .unwrap();
        assert!(!reference.met, "{reference:?}");
        assert!(reference.measured.starts_with("88%"), "{reference:?}");
        // (120,000 − 20,000) KiB ÷ 7,000 connections = 14.6 KB, against
        // aiohttp's (110,000 − 40,000) KiB ÷ 7,000 = 10.2 KB.
        let memory = by("lesson04, 0.5 s sleep: memory per connection");
        assert!(!memory.met, "{memory:?}");
        assert_eq!(memory.measured, "14.6 KB against 10.2 KB");
        // Python is measured but is never a target.
        assert!(!r.targets.iter().any(|t| t.what.contains("Python")));
    }

    /// A debug build's figures judge no target, met or missed.
    #[test]
    fn a_debug_build_is_not_judged() {
        let mut r = sample();
        r.settings.profile = "debug".into();
        assert_eq!(judge(&r, &rules()), Vec::new());
    }

    #[test]
    fn a_slow_point_misses() {
        let mut r = sample();
        r.server[0].runs[0].wrk.p99_ms = 900.0;
        r.server[0].runs[1].wrk.p99_ms = 900.0;
        r.server[0].summarize();
        let t = judge(&r, &rules());
        let t = t
            .iter()
            .find(|t| t.what.starts_with("lesson04, 0.5 s sleep, 8,000"))
            .unwrap();
        assert!(!t.met);
    }

    #[test]
    fn markdown_tables() {
        let md = markdown(&sample());
        assert!(
            md.contains(
                r#"<tr><td>Python asyncio</td><td style="text-align: right">10,000</td><td style="text-align: right">1.800<br><small>1.790–1.820</small></td><td style="text-align: right">+80.0%</td>"#
            ),
            "{md}"
        );
        assert!(
            md.contains(
                r#"<td>lesson04 (axum)</td><td style="text-align: right">8,000<br><small>limit 16,000/s</small></td><td style="text-align: right">15900<br><small>15900–15900</small></td><td style="text-align: right">99.4<br><small>99.4–99.4</small></td>"#
            ),
            "{md}"
        );
        assert!(
            md.contains("<td>lesson04 without the sleep, 100 connections, one core each</td><td>at least 4.5× the requests per second of aiohttp (issue 14)</td><td>7.00× (70000 against 10000 req/s)</td><td>met</td>"),
            "{md}"
        );
        // Rows come in the order of HELLO_PROGRAMS; four tables.
        assert!(md.find("Python asyncio").unwrap() < md.find("tokio multi-thread<").unwrap());
        assert_eq!(md.matches("<table").count(), 5, "{md}");
        // No blank line inside a table: each stays one HTML block.
        for table in md.split("<table").skip(1) {
            let body = table.split("</table>").next().unwrap();
            assert!(!body.contains("\n\n"), "{body}");
        }
        assert!(!md.contains("{{#"), "the book would read it as a directive");
    }

    #[test]
    fn table_text_is_escaped() {
        let mut r = sample();
        r.problems.push("lesson02 <missing> & more".into());
        let md = markdown(&r);
        assert!(md.contains("lesson02 &lt;missing&gt; &amp; more"), "{md}");
    }

    #[test]
    fn formats() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(stat(None, 1), "–");
        assert_eq!(stat(Stat::of(&[2.0]), 2), "2.00");
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        // 2026-11-25 16:50:00 UTC
        assert_eq!(utc(1_795_625_400), "2026-11-25 16:50 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
    }
}
