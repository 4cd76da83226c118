//! `cargo course measure-build`: what a learner's first hour costs the
//! machine, measured on a fresh clone of the committed course.
//!
//! Three figures, each against its target for a 2-core machine
//! with the crate cache warm and an empty target folder:
//! - the first `cargo course` (grading every lesson, no book): ≤ 45 s;
//! - the target folder after that, `cargo run -p` of every lesson (built
//!   with `cargo build -p`, since lesson 04's program is a server that does
//!   not end) and `cargo course book`: ≤ 1.2 GB, with tokio built once per
//!   profile;
//! - one exercise edited, then `cargo course NN`: ≤ 0.8 s, for every lesson
//!   (the median of three edits).
//!
//! Sizes are the files' lengths added up (what `du --apparent-size` says).
//! The clone builds into a target folder of its own, whatever
//! `CARGO_TARGET_DIR` says, and both are removed at the end.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use course::workspace;

/// Runs the measurement; prints each step and the figures.
pub fn run(root: &Path) -> Result<(), String> {
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
    let result = measure(&clone, &target);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn measure(clone: &Path, target: &Path) -> Result<(), String> {
    let cargo = |args: &[&str]| -> Result<Duration, String> {
        eprintln!("  cargo {}", args.join(" "));
        let started = Instant::now();
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(args)
            .current_dir(clone)
            .env("CARGO_TARGET_DIR", target)
            .env_remove("COURSE_ROOT")
            .env_remove("CARGO_MANIFEST_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        // `cargo course` exits 1 while exercises are left: not a failure.
        match status.code() {
            Some(0 | 1) => Ok(started.elapsed()),
            _ => Err(format!("cargo {} failed: {status}", args.join(" "))),
        }
    };
    eprintln!(
        "measuring in {} (target {})",
        clone.display(),
        target.display()
    );
    let first = cargo(&["course"])?;
    let after_grading = size(target);
    let lessons = workspace::lessons(clone)?;
    for found in &lessons {
        cargo(&["build", "-p", &found.package()])?;
    }
    cargo(&["course", "book"])?;
    let total = size(target);
    let tokio = count_builds(&target.join("debug/deps"), "libtokio-");

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

    let gb = |bytes: u64| bytes as f64 / 1e9;
    println!(
        "first `cargo course` (every lesson graded, no book): {:.1} s (target ≤ 45 s)",
        first.as_secs_f64()
    );
    println!("target folder after it: {:.2} GB", gb(after_grading));
    println!(
        "target folder after that, every lesson's program and the book: {:.2} GB (target ≤ 1.2 GB)",
        gb(total)
    );
    println!("tokio builds in target/debug/deps: {tokio} (target: one per profile)");
    for (lesson, time) in &edits {
        println!(
            "one exercise edited, then `cargo course {lesson}`: {:.2} s, median of 3 (target ≤ 0.8 s)",
            time.as_secs_f64()
        );
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
