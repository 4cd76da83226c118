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

/// One error of the compiler, as cargo reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The package being compiled.
    pub package: String,
    /// Where the error is: the first of its spans (primary first) in a
    /// file of a workspace package, as the compiler names it (relative to
    /// the workspace root), with its line, counting from 1. `None` when no
    /// span is (an error from cargo itself, or in a macro of another crate).
    pub at: Option<(String, usize)>,
    /// The message as the compiler rendered it, without colour.
    pub rendered: String,
}

impl CompileError {
    /// The first line: `error[E0308]: mismatched types`.
    pub fn headline(&self) -> &str {
        self.rendered.lines().next().unwrap_or_default()
    }
}

/// What became of building and running one package's tests.
#[derive(Debug)]
pub enum Run {
    /// The tests did not compile: every error, in the compiler's order
    /// (never empty).
    CompileError(Vec<CompileError>),
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
/// On a compile error, returns every error (never none).
pub fn build(root: &Path, packages: &[String]) -> Result<Vec<Binary>, Vec<CompileError>> {
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
) -> Result<Vec<Binary>, Vec<CompileError>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "test",
            "--no-run",
            // Plain rendered text: the tool adds colour itself, if at all.
            "--message-format=json",
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
    let out = cmd.output().map_err(|e| {
        vec![CompileError {
            package: String::new(),
            at: None,
            rendered: format!("cannot run cargo: {e}"),
        }]
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut binaries = Vec::new();
    let mut errors = Vec::new();
    for line in stdout.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let package = package_name(&msg, String::new());
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
            Some("compiler-message") if msg["message"]["level"] == "error" => {
                let rendered = msg["message"]["rendered"].as_str().unwrap_or("").trim_end();
                // "aborting due to N previous errors" says nothing new.
                if rendered.starts_with("error: aborting due to") {
                    continue;
                }
                errors.push(CompileError {
                    package,
                    at: place(&msg["message"]),
                    rendered: rendered.to_string(),
                });
            }
            _ => {}
        }
    }
    if !out.status.success() {
        if errors.is_empty() {
            errors.push(CompileError {
                package: String::new(),
                at: None,
                rendered: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            });
        }
        return Err(errors);
    }
    Ok(binaries)
}

/// Where a compiler message points: its primary span if that is in a
/// relative path (the workspace's own files), else the first such span,
/// else the first such span of a child message.
fn place(message: &serde_json::Value) -> Option<(String, usize)> {
    let spans = message["spans"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let local = |s: &&serde_json::Value| {
        s["file_name"]
            .as_str()
            .is_some_and(|f| !Path::new(f).is_absolute() && !f.starts_with('<'))
    };
    let found = spans
        .iter()
        .filter(|s| s["is_primary"] == true)
        .find(local)
        .or_else(|| spans.iter().find(local))
        .map(|s| {
            (
                s["file_name"]
                    .as_str()
                    .unwrap_or_default()
                    .replace('\\', "/"),
                usize::try_from(s["line_start"].as_u64().unwrap_or(1)).unwrap_or(1),
            )
        });
    found.or_else(|| message["children"].as_array()?.iter().find_map(place))
}

/// The package a message of cargo's is about: the `name` of the manifest
/// at `manifest_path` would need reading; the package id's fragment has it
/// (`…/lessons/lesson01#lesson01@0.1.0`, or `…#0.1.0` when the folder and
/// package names agree, then the folder of `manifest_path` is the name).
fn package_name(msg: &serde_json::Value, fallback: String) -> String {
    let id = msg["package_id"].as_str().unwrap_or_default();
    let tail = id.rsplit('#').next().unwrap_or(id);
    match tail.split_once('@') {
        Some((name, _)) => name.to_string(),
        None => msg["manifest_path"]
            .as_str()
            .map(Path::new)
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .map_or(fallback, |n| n.to_string_lossy().into_owned()),
    }
}

/// Runs one test binary (all its tests, or those whose names contain one
/// of `filters`), with `env` added to its environment, and reads its
/// results; `true` when it ran past [`BINARY_LIMIT`] and was stopped.
pub fn run_binary(
    root: &Path,
    binary: &Binary,
    filters: &[String],
    env: &[(&str, &str)],
) -> (Vec<TestResult>, bool) {
    let mut cmd = Command::new(&binary.path);
    cmd.envs(env.iter().copied());
    cmd.current_dir(root)
        // Backtraces would bury the graded messages.
        .env("RUST_BACKTRACE", "0")
        // Messages in English, which this module reads back; the learner's
        // language is for the tool to show (see courseinfo::in_chinese).
        .env("COURSE_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.args(filters);
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
/// workspace at `root` (building into `target`, if given): only the tests
/// whose names contain one of `filters` (the exercises' modules, `ex1_countdown::`;
/// the lesson's own unit tests in the same file need not run to grade).
pub fn run_grader(root: &Path, target: Option<&Path>, package: &str, filters: &[String]) -> Run {
    let binaries = match build_targets(root, target, &[package.to_string()], &["exercises"]) {
        Ok(b) => b,
        Err(errors) => return Run::CompileError(errors),
    };
    run_binaries(
        root,
        binaries.iter().filter(|b| b.package == package),
        filters,
        &[],
    )
}

/// Runs the given binaries one after another (see [`run_binary`] for
/// `filters` and `env`).
pub fn run_binaries<'a>(
    root: &Path,
    binaries: impl Iterator<Item = &'a Binary>,
    filters: &[String],
    env: &[(&str, &str)],
) -> Run {
    let mut tests = Vec::new();
    let mut timed_out = Vec::new();
    for binary in binaries {
        let (results, stopped) = run_binary(root, binary, filters, env);
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
        let msg = |id: &str, manifest: &str| serde_json::json!({ "package_id": id, "manifest_path": manifest });
        assert_eq!(
            package_name(
                &msg(
                    "path+file:///w/solutions/lesson01#lesson01-solution@0.1.0",
                    "/w/solutions/lesson01/Cargo.toml"
                ),
                String::new()
            ),
            "lesson01-solution"
        );
        assert_eq!(
            package_name(
                &msg(
                    "path+file:///w/lessons/lesson01#0.1.0",
                    "/w/lessons/lesson01/Cargo.toml"
                ),
                String::new()
            ),
            "lesson01"
        );
    }

    /// An error's place is its primary span in the workspace's own files.
    #[test]
    fn an_error_points_at_its_primary_local_span() {
        let message = serde_json::json!({
            "spans": [
                { "file_name": "/home/me/.cargo/registry/x.rs", "line_start": 3, "is_primary": true },
                { "file_name": "lessons/lesson02/src/ex3_join_all.rs", "line_start": 17, "is_primary": false }
            ],
            "children": []
        });
        assert_eq!(
            place(&message),
            Some(("lessons/lesson02/src/ex3_join_all.rs".to_string(), 17))
        );
    }
}
