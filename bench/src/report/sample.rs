//! A made-up run for the tests: two hello programs, and servers with and
//! without the sleep, judged against bench/targets.toml.

use super::*;
use crate::targets::{judge, rules};
use crate::wrk::WrkReport;

fn wrk(rps: f64, p99: f64) -> WrkReport {
    WrkReport {
        requests: (rps * 5.0) as u64,
        duration_s: 5.0,
        requests_per_s: rps,
        p50_ms: 501.0,
        p75_ms: 502.0,
        p90_ms: 503.0,
        p99_ms: p99,
        steady_requests_per_s: Some(rps),
        steady_seconds: 3.0,
        ..WrkReport::default()
    }
}

pub(crate) fn sample() -> Results {
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
