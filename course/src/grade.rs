//! Building a crate's tests and reading back what each test said.
//!
//! Cargo builds the test binaries (`cargo test --no-run`, whose JSON messages
//! name each binary); we then run every binary ourselves, because only then
//! can a whole binary that hangs be stopped after a time limit instead of
//! hanging the tool. Each graded test already has a limit of its own inside
//! `testkit`; the limit here is the backstop.
//!
//! libtest's human output is read, not its JSON, which is still unstable.
//! The lines relied on are `test NAME ... ok|FAILED|ignored` and the
//! `---- NAME stdout ----` blocks that follow `failures:`.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long one test binary may run before it is stopped.
pub const BINARY_LIMIT: Duration = Duration::from_secs(120);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
    Ignored,
}

/// One test, as its binary reported it.
#[derive(Debug, Clone)]
pub struct TestResult {
    /// The binary: `exercises` for a lesson's grader, `lib` for unit tests.
    pub binary: String,
    /// The test's path inside its binary, `ex1_countdown::countdown_from_zero_is_ready_at_once`.
    pub name: String,
    pub status: Status,
    /// For a failed test, what it printed when it panicked (empty otherwise).
    pub message: String,
}

/// What became of building and running one package's tests.
#[derive(Debug)]
pub enum Run {
    /// The tests did not compile; the compiler's first error.
    CompileError(String),
    /// Every binary ran (or was stopped after [`BINARY_LIMIT`]).
    Ran {
        tests: Vec<TestResult>,
        /// Binaries that were stopped for taking too long.
        timed_out: Vec<String>,
    },
}

/// A test binary built by cargo.
#[derive(Debug, Clone)]
pub struct Binary {
    pub package: String,
    /// `exercises`, or `lib` for the library's unit tests, or the target's name.
    pub name: String,
    pub path: PathBuf,
}

/// Builds the tests of `packages` in one cargo call and lists the binaries.
/// On a compile error, returns the failing package's name and the first
/// error, as the compiler rendered it.
pub fn build(root: &Path, packages: &[String]) -> Result<Vec<Binary>, (String, String)> {
    build_targets(root, None, packages, &[])
}

/// Like [`build`], but only the named test targets (`--test NAME`): less to
/// compile when only the grader is wanted. `target` overrides cargo's build
/// folder.
pub fn build_targets(
    root: &Path,
    target: Option<&Path>,
    packages: &[String],
    tests: &[&str],
) -> Result<Vec<Binary>, (String, String)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "test",
            "--no-run",
            "--message-format=json-diagnostic-rendered-ansi",
            "--quiet",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for p in packages {
        cmd.args(["-p", p]);
    }
    for t in tests {
        cmd.args(["--test", t]);
    }
    if let Some(dir) = target {
        cmd.env("CARGO_TARGET_DIR", dir);
    }
    // Colours in messages only when our own output is a terminal.
    if std::env::var_os("NO_COLOR").is_some() {
        cmd.arg("--color=never");
    }
    let out = cmd
        .output()
        .map_err(|e| (String::new(), format!("cannot run cargo: {e}")))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut binaries = Vec::new();
    let mut first_error: Option<(String, String)> = None;
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let package = package_name(msg["package_id"].as_str().unwrap_or_default());
        match msg["reason"].as_str() {
            Some("compiler-artifact") => {
                // Test harnesses only: the plain program that integration
                // tests run is an executable artifact too, and must not be
                // run as if it were a test (a server would never end).
                if let Some(exe) = msg["executable"]
                    .as_str()
                    .filter(|_| msg["profile"]["test"] == true)
                {
                    let kinds = &msg["target"]["kind"];
                    let is_lib = kinds
                        .as_array()
                        .is_some_and(|k| k.iter().any(|k| k == "lib"));
                    let name = if is_lib {
                        "lib"
                    } else {
                        msg["target"]["name"].as_str().unwrap_or("?")
                    };
                    binaries.push(Binary {
                        package,
                        name: name.to_string(),
                        path: PathBuf::from(exe),
                    });
                }
            }
            Some("compiler-message")
                if first_error.is_none() && msg["message"]["level"] == "error" =>
            {
                let rendered = msg["message"]["rendered"].as_str().unwrap_or("").trim_end();
                first_error = Some((package, strip_ansi(rendered)));
            }
            _ => {}
        }
    }
    if !out.status.success() {
        return Err(first_error.unwrap_or_else(|| {
            (
                String::new(),
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            )
        }));
    }
    Ok(binaries)
}

/// Cargo's package ids look like `path+file:///…/lessons/lesson01#lesson01@0.1.0`
/// (or `…#0.1.0` when the folder and package names agree).
fn package_name(id: &str) -> String {
    let tail = id.rsplit('#').next().unwrap_or(id);
    match tail.split_once('@') {
        Some((name, _)) => name.to_string(),
        None => id
            .split('#')
            .next()
            .unwrap_or(id)
            .rsplit('/')
            .next()
            .unwrap_or(id)
            .to_string(),
    }
}

/// Runs one test binary (all its tests, or those matching `filter`) and
/// reads its results.
pub fn run_binary(root: &Path, binary: &Binary, filter: Option<&str>) -> (Vec<TestResult>, bool) {
    let mut cmd = Command::new(&binary.path);
    cmd.current_dir(root)
        // Backtraces would bury the graded messages.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(f) = filter {
        cmd.arg(f);
    }
    let Ok(mut child) = cmd.spawn() else {
        return (Vec::new(), false);
    };
    // Read both pipes on threads so a chatty binary cannot fill one and stall.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out_reader = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err_reader = thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let started = Instant::now();
    let mut timed_out = false;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > BINARY_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break;
            }
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(_) => break,
        }
    }
    let out = out_reader.join().unwrap_or_default();
    let _ = err_reader.join();
    (
        parse(&binary.name, &String::from_utf8_lossy(&out)),
        timed_out,
    )
}

/// Builds and runs one package's grader, `tests/exercises.rs`, in the
/// workspace at `root` (building into `target`, if given).
pub fn run_grader(root: &Path, target: Option<&Path>, package: &str) -> Run {
    let binaries = match build_targets(root, target, &[package.to_string()], &["exercises"]) {
        Ok(b) => b,
        Err((_, error)) => return Run::CompileError(error),
    };
    run_binaries(root, binaries.iter().filter(|b| b.package == package))
}

/// Runs the given binaries one after another.
pub fn run_binaries<'a>(root: &Path, binaries: impl Iterator<Item = &'a Binary>) -> Run {
    let mut tests = Vec::new();
    let mut timed_out = Vec::new();
    for binary in binaries {
        let (results, stopped) = run_binary(root, binary, None);
        tests.extend(results);
        if stopped {
            timed_out.push(binary.name.clone());
        }
    }
    Run::Ran { tests, timed_out }
}

/// Reads libtest's human output.
pub fn parse(binary: &str, output: &str) -> Vec<TestResult> {
    let mut messages: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in output.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            if let Some((n, m)) = current.take() {
                messages.insert(n, m);
            }
            current = Some((name.to_string(), String::new()));
        } else if line == "failures:" || line.starts_with("test result:") {
            if let Some((n, m)) = current.take() {
                messages.insert(n, m);
            }
        } else if let Some((_, m)) = current.as_mut() {
            m.push_str(line);
            m.push('\n');
        }
    }
    let mut results = Vec::new();
    for line in output.lines() {
        let Some(rest) = line.strip_prefix("test ") else {
            continue;
        };
        let Some((name, verdict)) = rest.rsplit_once(" ... ") else {
            continue;
        };
        let status = match verdict.trim() {
            "ok" => Status::Passed,
            "FAILED" => Status::Failed,
            v if v.starts_with("ignored") => Status::Ignored,
            _ => continue,
        };
        let message = messages
            .get(name)
            .map(|m| panic_message(m))
            .unwrap_or_default();
        results.push(TestResult {
            binary: binary.to_string(),
            name: name.to_string(),
            status,
            message,
        });
    }
    results
}

/// The panic message inside a failed test's captured output: the lines
/// after `thread '…' panicked at FILE:LINE:COL:`, up to the backtrace note.
fn panic_message(captured: &str) -> String {
    let mut lines = captured
        .lines()
        .skip_while(|l| !(l.starts_with("thread '") && l.contains("panicked at")));
    lines.next();
    lines
        .take_while(|l| {
            !l.starts_with("note: run with `RUST_BACKTRACE") && *l != "stack backtrace:"
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
running 3 tests
test ex1_countdown::a ... ok
test ex1_countdown::b ... FAILED
test ex2_poll_by_hand::c ... ignored, slow

failures:

---- ex1_countdown::b stdout ----

thread 'ex1_countdown::b' panicked at lessons/lesson01/tests/exercises.rs:10:5:
exercise 01-1 (a countdown future) is not done yet.
    Open lessons/lesson01/src/ex1_countdown.rs and replace the todo!() with your code.
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace


failures:
    ex1_countdown::b

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s
";

    /// Statuses and the failure message come out of libtest's text.
    #[test]
    fn reads_statuses_and_messages() {
        let r = parse("exercises", SAMPLE);
        let summary: Vec<_> = r
            .iter()
            .map(|t| (t.name.as_str(), t.status.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("ex1_countdown::a", Status::Passed),
                ("ex1_countdown::b", Status::Failed),
                ("ex2_poll_by_hand::c", Status::Ignored)
            ]
        );
        assert!(
            r[1].message
                .starts_with("exercise 01-1 (a countdown future) is not done yet.")
        );
        assert!(
            r[1].message.ends_with("with your code."),
            "{:?}",
            r[1].message
        );
    }

    /// Both forms of cargo's package ids give the package's name.
    #[test]
    fn package_names_from_ids() {
        assert_eq!(
            package_name("path+file:///w/solutions/lesson01#lesson01-solution@0.1.0"),
            "lesson01-solution"
        );
        assert_eq!(
            package_name("path+file:///w/lessons/lesson01#0.1.0"),
            "lesson01"
        );
    }
}
