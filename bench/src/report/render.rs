//! The markdown the book's "Measured" page includes, and the formats its
//! figures are written in.

use std::fmt::Write as _;

use super::schema::{HELLO_PROGRAMS, Results, SERVERS, ServerPoint, label};
use crate::stats::Stat;

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
    with_range(s, decimals, " [", "]")
}

/// A figure for an HTML cell: the median, and under it, smaller, the range.
pub fn cell_stat(s: Option<Stat>, decimals: usize) -> String {
    with_range(s, decimals, "<br><small>", "</small>")
}

/// The median, then the range between `open` and `close` if measured twice or more.
fn with_range(s: Option<Stat>, decimals: usize, open: &str, close: &str) -> String {
    match s {
        None => "–".into(),
        Some(s) if s.runs < 2 => format!("{:.*}", decimals, s.median),
        Some(s) => format!(
            "{:.*}{open}{:.*}–{:.*}{close}",
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
        "<!-- Written by `cargo bench-course` (bench/src/report/render.rs) from results.json; do not edit. -->\n"
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
    use crate::report::sample::sample;

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
