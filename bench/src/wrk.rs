//! Reading what the load generator, wrk 4.1, prints.
//!
//! The benchmark runs `wrk -t T -c C -d Ds --timeout Ts --latency URL` and
//! reads its report: the number of requests completed and the run's length,
//! requests per second, the latency distribution (`--latency` prints the
//! 50/75/90/99th percentiles) and the errors: sockets that failed to connect,
//! read or write, requests that timed out, and answers that were not 2xx/3xx.

use serde::{Deserialize, Serialize};

/// One wrk run's report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WrkReport {
    pub requests: u64,
    pub duration_s: f64,
    pub requests_per_s: f64,
    pub p50_ms: f64,
    pub p75_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub connect_errors: u64,
    pub read_errors: u64,
    pub write_errors: u64,
    pub timeouts: u64,
    pub non_2xx_3xx: u64,
    /// Responses per second over the steady middle of the run (see
    /// [`steady_rate`]), when the script's per-second counts were there.
    pub steady_requests_per_s: Option<f64>,
    /// The span of the run that rate was taken over, seconds.
    pub steady_seconds: f64,
}

/// The steady rate in the middle of a run, from responses counted per
/// millisecond (`(ms, n)` pairs), when the handlers sleep `period_ms`.
///
/// The window leaves out the first second after the first response (the
/// start, when every connection opens at once) and the last 100 ms before
/// the last one (wrk stopping). Within it, a plain count over a fixed span
/// would be off by up to one "wave": with every connection's requests taking
/// the same 0.5 s, responses come in bursts 0.5 s apart, and an edge that
/// cuts a burst adds or drops all of it (±7% over 7 s). So the count is
/// averaged over every shift of the window within one period, which weighs
/// responses with a trapezoid: rising over the first `period_ms`, falling
/// over the last. For arrivals that repeat with that period, steady or in
/// bursts, the weighted count ÷ the span is exactly the rate.
///
/// Returns the rate per second and the span in seconds, or `None` if the
/// run is too short to leave a span of a second.
pub fn steady_rate(per_ms: &[(u64, u64)], period_ms: u64) -> Option<(f64, f64)> {
    let first = per_ms.iter().map(|&(t, _)| t).min()?;
    let last = per_ms.iter().map(|&(t, _)| t).max()?;
    let a = first + 1000;
    // The falling ramp ends at b + period.
    let b = last.checked_sub(100 + period_ms)?;
    if b < a + 1000 {
        return None;
    }
    let p = period_ms as f64;
    let weighted: f64 = per_ms
        .iter()
        .map(|&(t, n)| {
            let w = if t < a || t >= b + period_ms {
                0.0
            } else if t < a + period_ms {
                (t - a) as f64 / p
            } else if t < b {
                1.0
            } else {
                1.0 - (t - b) as f64 / p
            };
            w * n as f64
        })
        .sum();
    let span_s = (b - a) as f64 / 1000.0;
    Some((weighted / span_s, span_s))
}

impl WrkReport {
    /// Every request or connection that did not end in a good answer.
    pub fn errors(&self) -> u64 {
        self.connect_errors
            + self.read_errors
            + self.write_errors
            + self.timeouts
            + self.non_2xx_3xx
    }
}

/// A wrk time such as `502.92ms`, `800.00us`, `1.20s` or `1.00m`, in milliseconds.
pub fn parse_time_ms(s: &str) -> Option<f64> {
    let s = s.trim();
    let split = s.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = s.split_at(split);
    let value: f64 = number.parse().ok()?;
    let scale = match unit {
        "us" => 0.001,
        "ms" => 1.0,
        "s" => 1000.0,
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        _ => return None,
    };
    Some(value * scale)
}

/// Reads wrk's report; `Err` names what is missing. `period_ms` is the
/// handlers' sleep, for [`steady_rate`].
pub fn parse(output: &str, period_ms: u64) -> Result<WrkReport, String> {
    let mut percentiles = [None; 4];
    let mut requests = None;
    let mut duration_s = None;
    let mut rps = None;
    let mut socket = [0u64; 4];
    let mut non_2xx_3xx = 0;
    let mut per_ms = Vec::new();
    for line in output.lines() {
        let line = line.trim();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            [pct, time] if pct.ends_with('%') => {
                let slot = match *pct {
                    "50%" => 0,
                    "75%" => 1,
                    "90%" => 2,
                    "99%" => 3,
                    _ => continue,
                };
                percentiles[slot] = parse_time_ms(time);
            }
            [n, "requests", "in", time, ..] => {
                requests = n.parse::<u64>().ok();
                duration_s = parse_time_ms(time.trim_end_matches(',')).map(|ms| ms / 1000.0);
            }
            ["Requests/sec:", value] => rps = value.parse::<f64>().ok(),
            ["Socket", "errors:", rest @ ..] => {
                // connect 0, read 0, write 0, timeout 0
                let rest = rest.join(" ");
                for (i, name) in ["connect", "read", "write", "timeout"].iter().enumerate() {
                    socket[i] = rest
                        .split(',')
                        .map(str::trim)
                        .find_map(|part| part.strip_prefix(name))
                        .and_then(|n| n.trim().parse().ok())
                        .unwrap_or(0);
                }
            }
            ["Non-2xx", "or", "3xx", "responses:", n] => non_2xx_3xx = n.parse().unwrap_or(0),
            ["bench-ms", ms, n] => {
                if let (Ok(ms), Ok(n)) = (ms.parse(), n.parse()) {
                    per_ms.push((ms, n));
                }
            }
            _ => {}
        }
    }
    let missing = |what: &str| format!("wrk's report has no {what} (run with --latency?)");
    let [p50, p75, p90, p99] = percentiles;
    let steady = steady_rate(&per_ms, period_ms);
    Ok(WrkReport {
        requests: requests.ok_or_else(|| missing("\"N requests in T\" line"))?,
        duration_s: duration_s.ok_or_else(|| missing("run length"))?,
        requests_per_s: rps.ok_or_else(|| missing("Requests/sec line"))?,
        p50_ms: p50.ok_or_else(|| missing("50% latency"))?,
        p75_ms: p75.ok_or_else(|| missing("75% latency"))?,
        p90_ms: p90.ok_or_else(|| missing("90% latency"))?,
        p99_ms: p99.ok_or_else(|| missing("99% latency"))?,
        connect_errors: socket[0],
        read_errors: socket[1],
        write_errors: socket[2],
        timeouts: socket[3],
        non_2xx_3xx,
        steady_requests_per_s: steady.map(|(rate, _)| rate),
        steady_seconds: steady.map_or(0.0, |(_, seconds)| seconds),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = "\
Running 10s test @ http://127.0.0.1:40123/
  2 threads and 1000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   503.47ms    3.12ms 540.66ms   86.21%
    Req/Sec     1.03k   421.55     1.94k    64.29%
  Latency Distribution
     50%  502.92ms
     75%  504.41ms
     90%  506.64ms
     99%  517.36ms
  19000 requests in 10.02s, 2.88MB read
Requests/sec:   1896.43
Transfer/sec:    294.41KB
bench-ms 5000 10
bench-ms 9000 30
bench-ms 7600 20
";

    const ERRORS: &str = "\
Running 5s test @ http://127.0.0.1:40123/
  2 threads and 8000 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s   400.10ms   4.80s    70.00%
    Req/Sec     3.10k     1.20k    6.00k    60.00%
  Latency Distribution
     50%    1.10s
     75%    1.40s
     90%    1.90s
     99%    2.50s
  30000 requests in 5.10s, 4.00MB read
  Socket errors: connect 12, read 3, write 0, timeout 250
  Non-2xx or 3xx responses: 7
Requests/sec:   5882.35
Transfer/sec:    803.00KB
";

    #[test]
    fn reads_a_clean_run() {
        let r = parse(CLEAN, 500).unwrap();
        assert_eq!(r.requests, 19000);
        assert!((r.duration_s - 10.02).abs() < 1e-9);
        assert!((r.requests_per_s - 1896.43).abs() < 1e-9);
        assert!((r.p50_ms - 502.92).abs() < 1e-9);
        assert!((r.p99_ms - 517.36).abs() < 1e-9);
        assert_eq!(r.errors(), 0);
        // Window 6000..8400 ms (2.4 s): 7600 ms lies in its flat middle.
        assert!((r.steady_seconds - 2.4).abs() < 1e-9);
        assert!((r.steady_requests_per_s.unwrap() - 20.0 / 2.4).abs() < 1e-9);
    }

    /// `waves` bursts of `c` responses, every `period` ms from `start`,
    /// each burst spread over `width` ms.
    fn bursts(start: u64, period: u64, waves: u64, c: u64, width: u64) -> Vec<(u64, u64)> {
        let mut v = Vec::new();
        for w in 0..waves {
            for k in 0..width {
                v.push((start + w * period + k, c / width));
            }
        }
        v
    }

    #[test]
    fn bursts_give_the_rate_wherever_the_window_falls() {
        // 1000 connections, 0.5 s each: 2000 per second, in bursts. Wherever
        // the run starts and stops, the estimate stays on 2000, where a
        // plain count over a fixed span jumps by a whole burst.
        for start in [0, 37, 120, 250, 499] {
            for waves in [16, 17, 20] {
                let v = bursts(start, 500, waves, 1000, 10);
                let (rate, _) = steady_rate(&v, 500).unwrap();
                assert!(
                    (rate - 2000.0).abs() / 2000.0 < 0.01,
                    "start {start}, {waves} waves: {rate}"
                );
            }
        }
    }

    #[test]
    fn a_slower_server_reads_slower() {
        // Every request takes 0.625 s instead of 0.5: 80% of the limit.
        let v = bursts(0, 625, 16, 1000, 10);
        let (rate, _) = steady_rate(&v, 500).unwrap();
        assert!((rate / 2000.0 - 0.8).abs() < 0.03, "{rate}");
    }

    #[test]
    fn steady_rate_needs_a_long_enough_run() {
        assert_eq!(steady_rate(&[], 500), None);
        assert_eq!(steady_rate(&[(0, 5), (2000, 5)], 500), None);
    }

    #[test]
    fn reads_errors_and_seconds() {
        let r = parse(ERRORS, 500).unwrap();
        assert!((r.p50_ms - 1100.0).abs() < 1e-9);
        assert!((r.p99_ms - 2500.0).abs() < 1e-9);
        assert_eq!(
            (
                r.connect_errors,
                r.read_errors,
                r.write_errors,
                r.timeouts,
                r.non_2xx_3xx
            ),
            (12, 3, 0, 250, 7)
        );
        assert_eq!(r.errors(), 272);
        assert_eq!((r.steady_requests_per_s, r.steady_seconds), (None, 0.0));
    }

    #[test]
    fn time_units() {
        assert_eq!(parse_time_ms("800.00us"), Some(0.8));
        assert_eq!(parse_time_ms("1.50ms"), Some(1.5));
        assert_eq!(parse_time_ms("2.00s"), Some(2000.0));
        assert_eq!(parse_time_ms("1.00m"), Some(60_000.0));
        assert_eq!(parse_time_ms("3.00parsecs"), None);
        assert_eq!(parse_time_ms("ms"), None);
    }

    #[test]
    fn a_report_without_percentiles_is_an_error() {
        let cut: String = CLEAN
            .lines()
            .filter(|l| !l.contains('%') || l.contains("Stdev"))
            .collect::<Vec<_>>()
            .join("\n");
        let err = parse(&cut, 500).unwrap_err();
        assert!(err.contains("50% latency"), "{err}");
    }
}
