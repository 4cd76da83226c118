//! The SVG chart the book shows: four panels drawn with plotters.
//!
//! hello's wall time and bytes per task against N (one line per program,
//! error bars from the lowest to the highest run), the servers' share of the
//! Little's-law limit with the 0.5 s sleep, and their raw requests per second
//! without it.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::{HELLO_PROGRAMS, HelloPoint, Results, SERVERS, ServerPoint, thousands};
use crate::stats::Stat;
use crate::targets::{self, Rule};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// A panel drawn, or why it could not be.
type Drawn = Result<(), String>;
/// A bar's figure and the text above it, for a group and a server.
type BarValue<'a> = &'a dyn Fn(usize, &str) -> Option<(Stat, String)>;

const FONT: &str = "sans-serif";

/// Colours by program: Python's blue, then three for lesson 02's runtimes.
const HELLO_COLOURS: [RGBColor; 4] = [
    RGBColor(53, 114, 165),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 71, 51),
];
const SERVER_COLOURS: [RGBColor; 4] = [
    RGBColor(53, 114, 165),
    RGBColor(140, 180, 215),
    RGBColor(204, 71, 51),
    RGBColor(120, 120, 120),
];

/// A plotters error as the chart's one line.
fn chart_error(e: impl std::fmt::Display) -> String {
    format!("chart: {e}")
}

/// 10000 as "10k", 1000000 as "1M".
pub fn compact(n: f64) -> String {
    if n >= 1e6 {
        format!("{}M", n / 1e6)
    } else if n >= 1e3 {
        format!("{}k", n / 1e3)
    } else {
        format!("{n}")
    }
}

/// The whole chart as SVG text.
pub fn render(r: &Results) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (880, 2000)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (top, body) = root.split_vertically(46);
        let title = format!(
            "Python asyncio/aiohttp vs the course's Rust — {}, {} cores, {}{}",
            r.machine.cpu_model,
            r.machine.cores,
            r.date_utc,
            if r.mode == "quick" {
                " (quick mode)"
            } else {
                ""
            }
        );
        top.draw(&Text::new(title, (16, 14), (FONT, 19).into_font()))
            .map_err(chart_error)?;
        let panels = body.split_evenly((4, 1));
        hello_wall(&panels[0], r)?;
        hello_bytes(&panels[1], r)?;
        server_share(&panels[2], r)?;
        server_raw(&panels[3], r)?;
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

/// (N, figure) for each N > 1 that `program` has the figure for.
fn series(r: &Results, program: &str, f: fn(&HelloPoint) -> Option<Stat>) -> Vec<(f64, Stat)> {
    let mut v: Vec<(f64, Stat)> = r
        .hello
        .iter()
        .filter(|p| p.program == program && p.tasks > 1)
        .filter_map(|p| f(p).map(|s| (p.tasks as f64, s)))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    v
}

fn task_range(r: &Results) -> (f64, f64) {
    let tasks: Vec<f64> = r
        .hello
        .iter()
        .filter(|p| p.tasks > 1)
        .map(|p| p.tasks as f64)
        .collect();
    let lo = tasks.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = tasks.iter().copied().fold(0.0, f64::max);
    if tasks.is_empty() {
        (1e3, 1e6)
    } else {
        (lo / 2.0, hi * 2.0)
    }
}

fn no_data(area: &Area<'_>, caption: &str) -> Drawn {
    area.titled(caption, (FONT, 19))
        .map_err(chart_error)?
        .draw(&Text::new(
            "not measured in this run",
            (40, 60),
            (FONT, 15).into_font(),
        ))
        .map_err(chart_error)
}

/// A hello panel: one line per program against the number of tasks.
struct HelloPanel<'a> {
    caption: &'a str,
    y_desc: &'a str,
    figure: fn(&HelloPoint) -> Option<Stat>,
    /// Seconds on a log scale from 0.8 up; else bytes on a linear scale from 0.
    log_seconds: bool,
    /// A horizontal line and its legend: the floor, or the target.
    line: (f64, String, RGBAColor),
    legend: SeriesLabelPosition,
}

fn hello_wall(area: &Area<'_>, r: &Results) -> Drawn {
    hello_panel(
        area,
        r,
        HelloPanel {
            caption: "hello: wall time, N tasks that sleep 1 s",
            y_desc: "seconds (log scale)",
            figure: |p| p.wall_s,
            log_seconds: true,
            line: (1.0, "the 1 s floor".into(), BLACK.mix(0.5)),
            legend: SeriesLabelPosition::UpperLeft,
        },
    )
}

fn hello_bytes(area: &Area<'_>, r: &Results) -> Drawn {
    // The own executor's target at 1,000,000 tasks, from bench/targets.toml.
    let target = targets::rules().into_iter().find_map(|rule| match rule {
        Rule::Hello {
            programs,
            tasks,
            bytes: Some(b),
            ..
        } if programs.iter().any(|p| p == "own") => Some((b, tasks)),
        _ => None,
    });
    let (bytes, tasks) = target.unwrap_or((350.0, 1_000_000));
    hello_panel(
        area,
        r,
        HelloPanel {
            caption: "hello: memory per task (peak RSS above 1 task, ÷ N)",
            y_desc: "bytes per task",
            figure: |p| p.bytes_per_task,
            log_seconds: false,
            line: (
                bytes,
                format!(
                    "own executor's target at {} tasks: {bytes:.0} bytes",
                    compact(tasks as f64)
                ),
                RED.mix(0.5),
            ),
            legend: SeriesLabelPosition::UpperRight,
        },
    )
}

fn hello_panel(area: &Area<'_>, r: &Results, panel: HelloPanel<'_>) -> Drawn {
    let all: Vec<Vec<(f64, Stat)>> = HELLO_PROGRAMS
        .iter()
        .map(|(k, _)| series(r, k, panel.figure))
        .collect();
    if all.iter().all(Vec::is_empty) {
        return no_data(area, panel.caption);
    }
    let (x0, x1) = task_range(r);
    let highest = all.iter().flatten().map(|(_, s)| s.max);
    let builder = |y_area: u32| {
        let mut b = ChartBuilder::on(area);
        b.caption(panel.caption, (FONT, 19))
            .margin(12)
            .x_label_area_size(46)
            .y_label_area_size(y_area);
        b
    };
    let (y, text, colour) = panel.line;
    if panel.log_seconds {
        let top = highest.fold(2.0, f64::max) * 1.6;
        let mut chart = builder(66)
            .build_cartesian_2d((x0..x1).log_scale(), (0.8..top).log_scale())
            .map_err(chart_error)?;
        mesh(&mut chart, panel.y_desc, |y| format!("{y}"))?;
        finish_lines(&mut chart, &all, (x0, x1), (y, text, colour), panel.legend)
    } else {
        let top = highest.fold(500.0, f64::max) * 1.6;
        let bottom = all.iter().flatten().map(|(_, s)| s.min).fold(0.0, f64::min);
        let mut chart = builder(70)
            .build_cartesian_2d((x0..x1).log_scale(), bottom..top)
            .map_err(chart_error)?;
        mesh(&mut chart, panel.y_desc, |y| format!("{y:.0}"))?;
        finish_lines(&mut chart, &all, (x0, x1), (y, text, colour), panel.legend)
    }
}

type Lines<'a, X, Y> = ChartContext<'a, SVGBackend<'a>, Cartesian2d<X, Y>>;

/// The axes of a hello panel: tasks across, `y_desc` up.
fn mesh<X, Y>(chart: &mut Lines<'_, X, Y>, y_desc: &str, y_label: fn(&f64) -> String) -> Drawn
where
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .x_desc("tasks")
        .y_desc(y_desc)
        .y_labels(10)
        .x_label_formatter(&|x| compact(*x))
        .y_label_formatter(&y_label)
        .light_line_style(WHITE)
        .draw()
        .map_err(chart_error)
}

/// The horizontal line, one line per program, and the legend.
fn finish_lines<X, Y>(
    chart: &mut Lines<'_, X, Y>,
    all: &[Vec<(f64, Stat)>],
    (x0, x1): (f64, f64),
    (y, text, colour): (f64, String, RGBAColor),
    legend: SeriesLabelPosition,
) -> Drawn
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    chart
        .draw_series(LineSeries::new([(x0, y), (x1, y)], colour.stroke_width(1)))
        .map_err(chart_error)?
        .label(text)
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(1)));
    for (i, pts) in all.iter().enumerate() {
        draw_lines(chart, pts, HELLO_COLOURS[i], HELLO_PROGRAMS[i].1)?;
    }
    chart
        .configure_series_labels()
        .position(legend)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 15))
        .draw()
        .map_err(chart_error)
}

fn draw_lines<X, Y>(
    chart: &mut ChartContext<'_, SVGBackend<'_>, Cartesian2d<X, Y>>,
    pts: &[(f64, Stat)],
    colour: RGBColor,
    name: &str,
) -> Drawn
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    if pts.is_empty() {
        return Ok(());
    }
    chart
        .draw_series(LineSeries::new(
            pts.iter().map(|(x, s)| (*x, s.median)),
            colour.stroke_width(2),
        ))
        .map_err(chart_error)?
        .label(name)
        .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(2)));
    chart
        .draw_series(pts.iter().map(|(x, s)| {
            ErrorBar::new_vertical(*x, s.min, s.median, s.max, colour.stroke_width(1), 8)
        }))
        .map_err(chart_error)?;
    chart
        .draw_series(
            pts.iter()
                .map(|(x, s)| Circle::new((*x, s.median), 3, colour.filled())),
        )
        .map_err(chart_error)?;
    Ok(())
}

/// Grouped bars: one group per `groups` entry, one bar per server, with
/// error bars and a label above each bar.
#[allow(clippy::too_many_arguments)]
fn bars(
    area: &Area<'_>,
    caption: &str,
    y_desc: &str,
    groups: &[String],
    value: BarValue<'_>,
    top: f64,
    reference: Option<(f64, &str)>,
) -> Drawn {
    let n = groups.len().max(1) as f64;
    let mut chart = ChartBuilder::on(area)
        .caption(caption, (FONT, 19))
        .margin(12)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..n, 0.0..top)
        .map_err(chart_error)?;
    let names = groups.to_vec();
    let formatter = move |x: &f64| {
        let i = x.floor() as usize;
        if (x.fract() - 0.5).abs() < 1e-6 && i < names.len() {
            names[i].clone()
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .disable_x_mesh()
        .x_labels(2 * groups.len() + 1)
        .x_label_formatter(&formatter)
        .y_desc(y_desc)
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(WHITE)
        .draw()
        .map_err(chart_error)?;
    if let Some((y, text)) = reference {
        let grey = BLACK.mix(0.5);
        chart
            .draw_series(LineSeries::new([(0.0, y), (n, y)], grey.stroke_width(1)))
            .map_err(chart_error)?
            .label(text)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], grey.stroke_width(1)));
    }
    // Each group's bars side by side, centred, only for the servers it has.
    let present: Vec<Vec<&str>> = (0..groups.len())
        .map(|g| {
            SERVERS
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| value(g, k).is_some())
                .collect()
        })
        .collect();
    let above = TextStyle::from((FONT, 14).into_font()).pos(Pos::new(HPos::Center, VPos::Bottom));
    for (j, (key, name)) in SERVERS.iter().enumerate() {
        let colour = SERVER_COLOURS[j];
        let mut rects = Vec::new();
        let mut errs = Vec::new();
        let mut texts = Vec::new();
        for (g, here) in present.iter().enumerate() {
            let Some((s, text)) = value(g, key) else {
                continue;
            };
            let k = here.iter().position(|p| p == key).unwrap_or(0);
            let width = 0.8 / here.len().max(1) as f64;
            let x0 = g as f64 + 0.1 + k as f64 * width;
            let x1 = x0 + width * 0.9;
            let mid = (x0 + x1) / 2.0;
            rects.push(Rectangle::new(
                [(x0, 0.0), (x1, s.median)],
                colour.mix(0.85).filled(),
            ));
            if s.runs > 1 {
                errs.push(ErrorBar::new_vertical(
                    mid,
                    s.min,
                    s.median,
                    s.max,
                    BLACK.stroke_width(1),
                    8,
                ));
            }
            texts.push(Text::new(
                text,
                (mid, s.max.max(s.median) + top * 0.01),
                above.clone(),
            ));
        }
        if rects.is_empty() {
            continue;
        }
        chart
            .draw_series(rects)
            .map_err(chart_error)?
            .label(*name)
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 14, y + 5)], colour.mix(0.85).filled())
            });
        chart.draw_series(errs).map_err(chart_error)?;
        chart.draw_series(texts).map_err(chart_error)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font((FONT, 15))
        .draw()
        .map_err(chart_error)
}

fn server_share(area: &Area<'_>, r: &Results) -> Drawn {
    let caption = "server, 0.5 s sleep: req/s as % of the Little's-law limit";
    let mut conns: Vec<u32> = r
        .server
        .iter()
        .filter(|p| p.sleep && p.pct_of_limit.is_some())
        .map(|p| p.connections)
        .collect();
    conns.sort_unstable();
    conns.dedup();
    if conns.is_empty() {
        return no_data(area, caption);
    }
    let groups: Vec<String> = conns
        .iter()
        .map(|c| format!("{} connections", thousands(u64::from(*c))))
        .collect();
    let find =
        |g: usize, key: &str| -> Option<&ServerPoint> { r.server_point(key, true, conns[g]) };
    let value = |g: usize, key: &str| {
        let p = find(g, key)?;
        let pct = p.pct_of_limit?;
        let p99 = p.p99_ms.map_or(String::new(), |s| {
            format!(", p99 {:.1} s", s.median / 1000.0)
        });
        Some((pct, format!("{:.0}%{p99}", pct.median)))
    };
    let top = r
        .server
        .iter()
        .filter_map(|p| p.pct_of_limit)
        .map(|s| s.max)
        .fold(100.0, f64::max)
        * 1.5;
    bars(
        area,
        caption,
        "% of C ÷ 0.5 s",
        &groups,
        &value,
        top,
        Some((100.0, "the limit, C ÷ 0.5 s")),
    )
}

fn server_raw(area: &Area<'_>, r: &Results) -> Drawn {
    let caption = "server without the sleep: requests per second";
    // One group per connection count, on the whole machine and then with
    // one core each.
    let mut groups: Vec<(bool, u32)> = r
        .server
        .iter()
        .filter(|p| !p.sleep && p.requests_per_s.is_some())
        .map(|p| (p.one_core, p.connections))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    if groups.is_empty() {
        return no_data(area, caption);
    }
    let names: Vec<String> = groups
        .iter()
        .map(|&(one_core, c)| {
            let c = thousands(u64::from(c));
            if one_core {
                format!("{c} conn., one core each")
            } else {
                format!("{c} connections")
            }
        })
        .collect();
    let value = |g: usize, key: &str| {
        let (one_core, c) = groups[g];
        let s = r.server_point_on(key, false, c, one_core)?.requests_per_s?;
        Some((s, format!("{:.0} req/s", s.median)))
    };
    let top = r
        .server
        .iter()
        .filter(|p| !p.sleep)
        .filter_map(|p| p.requests_per_s)
        .map(|s| s.max)
        .fold(1.0, f64::max)
        * 1.5;
    bars(
        area,
        caption,
        "requests per second",
        &names,
        &value,
        top,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::HelloRun;

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(10_000.0), "10k");
        assert_eq!(compact(1_000_000.0), "1M");
        assert_eq!(compact(500.0), "500");
    }

    #[test]
    fn renders_an_svg_even_with_missing_panels() {
        let mut r = Results {
            mode: "quick".into(),
            ..Results::default()
        };
        let mut p = HelloPoint::new("multi", 1000);
        p.baseline_rss_kib = Some(4000.0);
        p.runs.push(HelloRun {
            wall_s: 1.004,
            peak_rss_kib: 4300,
            output: String::new(),
        });
        p.summarize();
        r.hello.push(p);
        let svg = render(&r).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(svg.contains("lesson02, tokio multi-thread"));
        assert!(
            svg.contains("not measured in this run"),
            "the server panels say so"
        );
    }
}
