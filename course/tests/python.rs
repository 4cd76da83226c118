//! The book shows the seed's Python beside the Rust; this runs it, so that
//! what the book says it prints is what it prints. Every
//! `lessons/*/python/NAME.py` that has a `NAME.expected` beside it is run
//! with Python 3 and must print exactly that.
//!
//! Python is `python3` on Linux and macOS. On Windows it is the `py -3`
//! launcher that python.org's installer puts on PATH, else `python` (the
//! Microsoft Store's install; `python3` there may be a stub that opens the
//! Store). `PYTHON=/path/to/python` overrides both. Python runs in UTF-8
//! mode, so a Chinese-locale Windows prints UTF-8 rather than GBK (which
//! lacks characters the expected outputs hold), and the comparison ignores
//! `\r` before `\n`, which Python on Windows writes.

use std::ffi::OsString;
use std::process::Command;

use course::workspace;

/// Each Python program with an `.expected` file prints exactly what it says.
#[test]
fn python_programs_print_what_the_book_says() {
    let root = workspace::root();
    let python_cmd = find_python().unwrap_or_else(|tried| {
        panic!("Python 3 is needed for this check; tried {tried} (set PYTHON to its path)")
    });
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    let mut lessons: Vec<_> = std::fs::read_dir(root.join("lessons"))
        .unwrap()
        .flatten()
        .collect();
    lessons.sort_by_key(|e| e.path());
    for lesson in lessons {
        let dir = lesson.path().join("python");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let expected = entry.path();
            if expected.extension().is_none_or(|e| e != "expected") {
                continue;
            }
            let script = expected.with_extension("py");
            let want = std::fs::read_to_string(&expected).unwrap();
            let out = python(&python_cmd)
                .arg(&script)
                .current_dir(&dir)
                .output()
                .unwrap_or_else(|e| panic!("cannot run {python_cmd:?}: {e}"));
            let got = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
            let name = script.strip_prefix(&root).unwrap().display().to_string();
            if !out.status.success() {
                problems.push(format!(
                    "{name} failed:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            } else if got != want {
                problems.push(format!(
                    "{name} printed:\n{got}\nbut {} says:\n{want}",
                    expected.display()
                ));
            }
            checked.push(name);
        }
    }
    println!("checked: {checked:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(
        !checked.is_empty(),
        "found no Python program with an .expected file"
    );
}

/// A command running `program` (with its leading arguments) in UTF-8 mode.
fn python(program: &[OsString]) -> Command {
    let mut cmd = Command::new(&program[0]);
    cmd.args(&program[1..])
        // PEP 540: UTF-8 for files and streams whatever the locale; the second
        // covers the streams on Pythons that ignore the first.
        .env("PYTHONUTF8", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1");
    cmd
}

/// The first Python 3 that answers `--version`, or the list of what was
/// tried.
fn find_python() -> Result<Vec<OsString>, String> {
    let mut candidates: Vec<Vec<OsString>> = Vec::new();
    if let Some(p) = std::env::var_os("PYTHON") {
        candidates.push(vec![p]);
    }
    let names: &[&[&str]] = if cfg!(windows) {
        &[&["py", "-3"], &["python"], &["python3"]]
    } else {
        &[&["python3"], &["python"]]
    };
    candidates.extend(names.iter().map(|n| n.iter().map(OsString::from).collect()));
    for candidate in &candidates {
        let answer = python(candidate).arg("--version").output();
        if let Ok(out) = answer {
            let version = String::from_utf8_lossy(&out.stdout);
            if out.status.success() && version.starts_with("Python 3") {
                return Ok(candidate.clone());
            }
        }
    }
    let tried: Vec<String> = candidates
        .iter()
        .map(|c| {
            c.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    Err(tried.join(", "))
}
