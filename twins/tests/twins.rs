//! Every row of the appendix prints the same lines in Rust and in Python.
//!
//! Each row runs as `twins ROW` (the binary this package builds) and as
//! `python3 python/ROW.py` (the Python 3.11 or later that
//! `lessonkit::python::find` picks, `$PYTHON` first), all rows at once on
//! their own threads; each process has a time limit. The outputs are compared line by line; a row
//! that differs on purpose declares how (`twins::Known`), and only that
//! difference is let through, only on the Pythons it names.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use lessonkit::python::Python;

/// Long enough for a loaded machine; every row takes milliseconds.
const LIMIT: Duration = Duration::from_secs(30);

/// Runs `command` to its end or to [`LIMIT`], whichever comes first.
fn run(mut command: Command, what: &str) -> Result<Output, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what}: could not start: {e}"))?;
    let start = Instant::now();
    while child.try_wait().map_err(|e| e.to_string())?.is_none() {
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            return Err(format!("{what}: still running after {LIMIT:?}, killed"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().map_err(|e| format!("{what}: {e}"))
}

fn stdout_of(output: Output, what: &str) -> Result<String, String> {
    if !output.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n"))
}

/// Python 3.11 or later (the rows use `TaskGroup` and `asyncio.timeout`):
/// `$PYTHON`, else `python3` or `python` (`py -3` first on Windows), as
/// `lessonkit::python::find` looks; or why there is none.
fn python() -> Result<Python, String> {
    lessonkit::python::find(11)
}

/// Compares one row's two outputs; the error names the row and the first
/// line that differs.
fn compare(row: &twins::Row, rust: &str, python: &str, version: (u32, u32)) -> Result<(), String> {
    let allowed: &[(&str, &str)] = match row.known {
        Some(known) if known.before_python.is_none_or(|v| version < v) => known.pairs,
        _ => &[],
    };
    let (rust, python): (Vec<&str>, Vec<&str>) = (rust.lines().collect(), python.lines().collect());
    for i in 0..rust.len().max(python.len()) {
        let (r, p) = (rust.get(i).copied(), python.get(i).copied());
        if r == p {
            continue;
        }
        if let (Some(r), Some(p)) = (r, p)
            && allowed.contains(&(r, p))
        {
            continue;
        }
        return Err(format!(
            "row {}: line {} differs:\n  Rust:   {}\n  Python: {}\n\
             (src/rows/{0}.rs against python/{0}.py; the whole outputs:\n\
             Rust:\n{}\nPython:\n{})",
            row.name,
            i + 1,
            r.unwrap_or("(no more lines)"),
            p.unwrap_or("(no more lines)"),
            rust.join("\n"),
            python.join("\n"),
        ));
    }
    Ok(())
}

fn check(row: &twins::Row, python: &Python) -> Result<(), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut rust = Command::new(env!("CARGO_BIN_EXE_twins"));
    rust.arg(row.name);
    let rust = stdout_of(run(rust, row.name)?, &format!("twins {}", row.name))?;
    let script = dir.join("python").join(format!("{}.py", row.name));
    let mut py = python.command();
    py.arg(&script).env("PYTHONDONTWRITEBYTECODE", "1");
    let what = format!("python/{}.py", row.name);
    let py = stdout_of(run(py, &what)?, &what)?;
    if rust.trim().is_empty() {
        return Err(format!("row {}: the Rust printed nothing", row.name));
    }
    compare(row, &rust, &py, python.version)
}

#[test]
fn every_row_prints_the_same_lines_in_rust_and_python() {
    let python = match python() {
        Ok(python) => python,
        Err(e) => {
            println!("SKIPPED: {e}; the Rust rows were not compared");
            return;
        }
    };
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = twins::ROWS
            .iter()
            .map(|row| scope.spawn(|| check(row, &python)))
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().expect("no checker panicked").err())
            .collect()
    });
    assert!(
        problems.is_empty(),
        "{} of {} rows differ:\n\n{}",
        problems.len(),
        twins::ROWS.len(),
        problems.join("\n\n")
    );
}

/// Every `python/*.py` is a row, and every row has its `.py`.
#[test]
fn every_python_file_is_a_row() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("python");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("twins/python")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".py")
                .map(String::from)
        })
        .collect();
    files.sort();
    let mut rows: Vec<String> = twins::ROWS.iter().map(|r| r.name.to_string()).collect();
    rows.sort();
    assert_eq!(
        files, rows,
        "python/*.py and twins::ROWS name different rows"
    );
}

/// The comparison itself: a differing line is caught and named, a declared
/// difference passes only where and on the Pythons it is declared for.
#[test]
fn compare_names_the_first_differing_line_and_allows_only_what_is_declared() {
    let plain = twins::Row {
        name: "demo",
        run: || Ok(()),
        known: None,
    };
    let err = compare(&plain, "a\nb\n", "a\nc\n", (3, 11)).unwrap_err();
    assert!(
        err.contains("row demo: line 2") && err.contains("Rust:   b") && err.contains("Python: c"),
        "the message should name the row, the line and both texts: {err}"
    );
    let err = compare(&plain, "a\n", "a\nextra\n", (3, 11)).unwrap_err();
    assert!(
        err.contains("(no more lines)"),
        "a missing line is named: {err}"
    );

    let newer = twins::Row {
        known: Some(twins::Known {
            before_python: Some((3, 12)),
            pairs: &[("x", "y")],
        }),
        ..plain
    };
    assert!(
        compare(&newer, "x\n", "y\n", (3, 11)).is_ok(),
        "declared for 3.11"
    );
    assert!(
        compare(&newer, "x\n", "y\n", (3, 12)).is_err(),
        "not declared for 3.12"
    );
    assert!(
        compare(&newer, "x\n", "z\n", (3, 11)).is_err(),
        "only the declared pair"
    );
}
