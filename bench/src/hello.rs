//! hello with N tasks: every program, every N, every repeat.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::report::{HELLO_PROGRAMS, HelloPoint, HelloRun, label, thousands};
use crate::runner;

/// One way of running hello: the modern Python, or lesson 02 on one runtime.
#[derive(Debug, Clone)]
pub struct HelloProgram {
    /// A key of [`HELLO_PROGRAMS`].
    pub key: &'static str,
    pub program: PathBuf,
    /// The arguments before `--tasks N --quiet`.
    pub args: Vec<String>,
    /// Arguments after them.
    pub tail: Vec<String>,
}

impl HelloProgram {
    /// bench/python/hello.py under the environment's python.
    pub fn python(python: &Path, script: &Path) -> HelloProgram {
        HelloProgram {
            key: "python",
            program: python.to_path_buf(),
            args: vec![script.display().to_string()],
            tail: Vec::new(),
        }
    }

    /// `lesson02 hello --tasks N --runtime RUNTIME --quiet`, RUNTIME one of
    /// `own`, `current`, `multi` (lesson 02's contract).
    pub fn lesson02(exe: &Path, runtime: &'static str) -> HelloProgram {
        HelloProgram {
            key: runtime,
            program: exe.to_path_buf(),
            args: vec!["hello".into()],
            tail: vec!["--runtime".into(), runtime.into()],
        }
    }

    pub fn arguments(&self, tasks: u64) -> Vec<String> {
        let mut a = self.args.clone();
        a.extend(["--tasks".into(), tasks.to_string()]);
        a.extend(self.tail.iter().cloned());
        a.push("--quiet".into());
        a
    }
}

/// How long one run may take before it counts as hung: far beyond any
/// result worth publishing (Python needs about 30 s for a million tasks).
pub fn time_limit(tasks: u64) -> Duration {
    Duration::from_secs(30) + Duration::from_micros(tasks * 150)
}

/// Runs every program with 1 task (the baseline for bytes per task) and
/// with each of `tasks`, `repeats` times, round-robin so that a slow spell
/// of the machine spreads over all of them. A program that fails or hangs
/// at some N is not run at that N again.
pub fn measure(
    programs: &[HelloProgram],
    tasks: &[u64],
    repeats: usize,
    logs: &Path,
) -> (Vec<HelloPoint>, Vec<String>) {
    let mut sizes = vec![1u64];
    sizes.extend(tasks.iter().copied().filter(|&n| n != 1));
    let mut points: Vec<HelloPoint> = Vec::new();
    for program in programs {
        for &n in &sizes {
            points.push(HelloPoint::new(program.key, n));
        }
    }
    for rep in 0..repeats {
        for &n in &sizes {
            for program in programs {
                let point = points
                    .iter_mut()
                    .find(|p| p.program == program.key && p.tasks == n)
                    .expect("a point for each program and size");
                if point.error.is_some() {
                    continue;
                }
                let name = label(&HELLO_PROGRAMS, program.key);
                let tag = format!("hello-{}-{n}-{rep}", program.key);
                match run_once(program, n, logs, &tag) {
                    Ok(run) => {
                        eprintln!(
                            "bench: hello {name:<32} {:>9} tasks, run {}/{repeats}: {:.3} s, {:.1} MiB",
                            thousands(n),
                            rep + 1,
                            run.wall_s,
                            run.peak_rss_kib as f64 / 1024.0
                        );
                        point.runs.push(run);
                    }
                    Err(e) => {
                        eprintln!("bench: hello {name}, {} tasks: {e}", thousands(n));
                        point.error = Some(e);
                    }
                }
            }
        }
    }
    let mut problems = Vec::new();
    for program in programs {
        let baseline = points
            .iter()
            .find(|p| p.program == program.key && p.tasks == 1)
            .and_then(|p| {
                let rss: Vec<f64> = p.runs.iter().map(|r| r.peak_rss_kib as f64).collect();
                crate::stats::Stat::of(&rss).map(|s| s.median)
            });
        for p in points.iter_mut().filter(|p| p.program == program.key) {
            if p.tasks > 1 {
                p.baseline_rss_kib = baseline;
            }
            p.summarize();
            if let Some(e) = &p.error {
                problems.push(format!(
                    "hello, {}, {} tasks: {e}",
                    label(&HELLO_PROGRAMS, program.key),
                    thousands(p.tasks)
                ));
            }
        }
    }
    (points, problems)
}

fn run_once(
    program: &HelloProgram,
    tasks: u64,
    logs: &Path,
    tag: &str,
) -> Result<HelloRun, String> {
    let mut running = runner::spawn(&program.program, &program.arguments(tasks), logs, tag)
        .map_err(|e| format!("cannot start {}: {e}", program.program.display()))?;
    let limit = time_limit(tasks);
    let status = running.wait_for(limit).map_err(|e| e.to_string())?;
    if status.is_none() {
        running.kill();
        return Err(format!("no exit after {} s: killed", limit.as_secs()));
    }
    let report = running
        .report()
        .ok_or_else(|| format!("no report ({})", running.stderr_tail()))?;
    if !report.success() {
        return Err(format!(
            "exit {:?}, signal {:?}: {}",
            report.code,
            report.signal,
            running.stderr_tail()
        ));
    }
    let mut output = running.stdout().trim().to_string();
    if output.len() > 400 {
        let mut cut = 400;
        while !output.is_char_boundary(cut) {
            cut -= 1;
        }
        output.truncate(cut);
    }
    Ok(HelloRun {
        wall_s: report.wall_s,
        peak_rss_kib: report.max_rss_kib,
        output,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_follow_the_contracts() {
        let rust = HelloProgram::lesson02(Path::new("/t/lesson02"), "multi");
        assert_eq!(
            rust.arguments(10_000).join(" "),
            "hello --tasks 10000 --runtime multi --quiet"
        );
        let py = HelloProgram::python(Path::new("/v/bin/python"), Path::new("/b/hello.py"));
        assert_eq!(py.arguments(1).join(" "), "/b/hello.py --tasks 1 --quiet");
    }

    #[test]
    fn time_limits_grow_with_n() {
        assert_eq!(time_limit(0).as_secs(), 30);
        assert_eq!(time_limit(1_000_000).as_secs(), 180);
    }
}
