//! The figures of a point, from its runs: medians and ranges ([`Stat`]),
//! and what Little's law allows.

use super::schema::{HelloPoint, ServerPoint, ServerRun};
use crate::stats::Stat;

/// The 0.5 s each handler sleeps, which bounds the requests per second a
/// connection can carry.
pub const HANDLER_SLEEP_S: f64 = 0.5;

/// Little's law: with C connections each waiting `HANDLER_SLEEP_S` per
/// request, at most C / 0.5 s requests per second complete.
pub fn littles_law_limit(connections: u32) -> f64 {
    f64::from(connections) / HANDLER_SLEEP_S
}

impl HelloPoint {
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

impl ServerPoint {
    /// Fills the statistics from the runs.
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

#[cfg(test)]
mod tests {
    use crate::report::sample::sample;

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
}
