//! `cargo course measure-build`: what a learner's first hour costs the
//! machine, measured on a fresh clone of the committed course.
//!
//! Every row of issue 26's table, each against its target for a 2-core
//! machine with the crate cache warm and an empty target folder, in the
//! order a new user meets them: `cargo run -p lesson01` and `lesson03`; the
//! first `cargo course` (≤ 45 s); one exercise edited, then `cargo course NN`
//! (≤ 0.8 s for every lesson, the median of three edits); the README's
//! `cargo test` (≤ 300 s), and inside it the wrong-answer check per answer
//! (≤ 0.5 s, reported by the test itself through `COURSE_MEASURE_WRONG`);
//! the target folder after every lesson's program and the book as well
//! (≤ 2 GB, tokio built once per profile); the note's hello in release,
//! output to a file (≤ 1.02× its 1 s floor); with `--ci`, `bash .ci/run`
//! (≤ 15 min).
//!
//! Sizes are the files' lengths added up (what `du --apparent-size` says).
//! The clone builds into a target folder of its own, whatever
//! `CARGO_TARGET_DIR` says, and both are removed at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use course::workspace;

/// Runs the measurement; prints each step and the figures.
/// With `out`, the report is also written there (the Measured page
/// includes `book/src/measured/build.txt`).
pub fn run(root: &Path, ci: bool, out: Option<&Path>) -> Result<(), String> {
    let scratch = std::env::temp_dir().join(format!("course-measure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let clone = scratch.join("course");
    let target = scratch.join("target");
    let git = Command::new("git")
        .args(["clone", "-q"])
        .arg(root)
        .arg(&clone)
        .status()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !git.success() {
        return Err("git clone of the course failed".into());
    }
    let result = measure(&clone, &target, ci, out);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn measure(clone: &Path, target: &Path, ci: bool, out: Option<&Path>) -> Result<(), String> {
    let (started_at, load_at_start) = (date_now(), load_now());
    let run = |program: &str, args: &[&str], env: &[(&str, &Path)]| -> Result<Duration, String> {
        eprintln!("  {program} {}", args.join(" "));
        let started = Instant::now();
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(clone)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("COURSE_ROOT")
            .env_remove("CARGO_MANIFEST_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let status = command
            .status()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        // `cargo course` exits 1 while exercises are left: not a failure.
        match status.code() {
            Some(0 | 1) => Ok(started.elapsed()),
            _ => Err(format!("{program} {} failed: {status}", args.join(" "))),
        }
    };
    let cargo_bin = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let cargo = |args: &[&str]| run(&cargo_bin, args, &[]);
    eprintln!(
        "measuring in {} (target {})",
        clone.display(),
        target.display()
    );
    // A new user's first hour, in the order the README gives it.
    let run01 = cargo(&["run", "-q", "-p", "lesson01"])?;
    let run03 = cargo(&["run", "-q", "-p", "lesson03"])?;
    let first = cargo(&["course"])?;
    let after_grading = size(target);
    let lessons = workspace::lessons(clone)?;
    let mut edits = Vec::new();
    for found in &lessons {
        let ex = &found.lesson.exercises[0];
        let file = found.dir.join(&ex.file);
        let shipped = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
        cargo(&["course", &found.lesson.number])?; // warm
        let mut times = Vec::new();
        for n in 0..3 {
            std::fs::write(&file, format!("{shipped}// an edit, {n}\n"))
                .map_err(|e| e.to_string())?;
            times.push(cargo(&["course", &found.lesson.number])?);
        }
        std::fs::write(&file, shipped).map_err(|e| e.to_string())?;
        times.sort();
        edits.push((found.lesson.number.clone(), times[1]));
    }
    let wrong_file = clone.join("target-wrong-answers.txt");
    let test = run(
        &cargo_bin,
        &["test", "--locked", "--no-fail-fast"],
        &[("COURSE_MEASURE_WRONG", &wrong_file)],
    )?;
    let wrong = std::fs::read_to_string(&wrong_file).ok().and_then(|line| {
        let mut parts = line.split_whitespace();
        let count: f64 = parts.next()?.parse().ok()?;
        let secs: f64 = parts.next()?.parse().ok()?;
        Some((count, secs))
    });
    for found in &lessons {
        cargo(&["build", "-p", &found.package()])?;
    }
    cargo(&["course", "book"])?;
    let total = size(target);
    let tokio = count_builds(&target.join("debug/deps"), "libtokio-");
    // The note's hello: 10,000 tasks that each sleep 1 s, so 1 s is the
    // floor; its output goes to a file, as the issue measured it.
    cargo(&["build", "-q", "--release", "-p", "lesson02"])?;
    let exe = target
        .join("release")
        .join(format!("lesson02{}", std::env::consts::EXE_SUFFIX));
    let mut hello = Vec::new();
    for _ in 0..3 {
        let out =
            std::fs::File::create(clone.join("hello-output.txt")).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let status = Command::new(&exe)
            .stdout(out)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        if !status.success() {
            return Err(format!("lesson02 failed: {status}"));
        }
        hello.push(started.elapsed().as_secs_f64());
    }
    hello.sort_by(f64::total_cmp);
    let ci_run = if ci {
        // From an empty target folder, as CI starts.
        let _ = std::fs::remove_dir_all(target);
        Some(run("bash", &[".ci/run"], &[])?)
    } else {
        None
    };

    let mut report: Vec<String> = vec![format!(
        "started {}; {}; load average {} at the start, {} at the end",
        started_at,
        machine(),
        load_at_start,
        load_now()
    )];
    macro_rules! say {
        ($($arg:tt)*) => { report.push(format!($($arg)*)) };
    }
    let gb = |bytes: u64| bytes as f64 / 1e9;
    let secs = |d: Duration| d.as_secs_f64();
    say!(
        "`cargo run -p lesson01`, the first build: {:.1} s",
        secs(run01)
    );
    say!("`cargo run -p lesson03` after it: {:.1} s", secs(run03));
    say!(
        "first `cargo course` (every lesson graded, no book): {:.1} s (target ≤ 45 s)",
        secs(first)
    );
    say!("target folder after it: {:.2} GB", gb(after_grading));
    for (lesson, time) in &edits {
        say!(
            "one exercise edited, then `cargo course {lesson}`: {:.2} s, median of 3 (target ≤ 0.8 s)",
            secs(*time)
        );
    }
    say!(
        "the README's `cargo test`, after the first `cargo course`: {:.0} s (target ≤ 300 s)",
        secs(test)
    );
    match wrong {
        Some((count, took)) if count > 0.0 => say!(
            "the wrong-answer check, inside it: {took:.0} s for {count} wrong answers, {:.2} s each \
             (target ≤ 0.5 s)",
            took / count
        ),
        _ => say!("the wrong-answer check did not report its time (did it run?)"),
    }
    say!(
        "target folder after that, every lesson's program and the book: {:.2} GB (target ≤ 2 GB)",
        gb(total)
    );
    say!("tokio builds in target/debug/deps: {tokio} (target: one per profile)");
    say!(
        "`lesson02` (release; the note's hello, 10,000 tasks, output to a file): {:.3} s, \
         {:.3}× the 1 s floor, median of 3 (target ≤ 1.02×)",
        hello[1],
        hello[1]
    );
    match ci_run {
        Some(took) => say!(
            "`bash .ci/run`: {:.1} min (target ≤ 15 min)",
            secs(took) / 60.0
        ),
        None => say!("`bash .ci/run`: not run (add --ci)"),
    }
    for line in &report {
        println!("{line}");
    }
    if let Some(out) = out {
        let text = report.join("\n") + "\n";
        std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    Ok(())
}

/// The files' lengths below `dir`, added up.
fn size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let path: PathBuf = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => size(&path),
                Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
                _ => 0,
            }
        })
        .sum()
}

/// How many `PREFIX<hash>.rlib` files `dir` holds: one per build of a crate.
fn count_builds(dir: &Path, prefix: &str) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                name.starts_with(prefix) && name.ends_with(".rlib")
            })
            .count()
    })
}

/// The time now, as `date -u` gives it ("unknown" where there is none).
fn date_now() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or("unknown date".into(), |o| {
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        })
}

/// The machine's cores, memory and processor, as far as this platform says.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    #[cfg(target_os = "linux")]
    {
        use lessonkit::cpu::{cpu_model, mem_total_gib};
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let cpu = cpu_model(&read("/proc/cpuinfo")).unwrap_or_else(|| "unknown processor".into());
        let gib = mem_total_gib(&read("/proc/meminfo")).unwrap_or(0.0);
        format!("{cores} cores ({cpu}), {gib:.1} GiB")
    }
    #[cfg(not(target_os = "linux"))]
    format!("{cores} cores")
}

/// The 1-minute load average now, or "unknown" where the system has none
/// to read.
fn load_now() -> String {
    lessonkit::cpu::load_average().map_or("unknown".into(), |l| format!("{l:.2}"))
}
