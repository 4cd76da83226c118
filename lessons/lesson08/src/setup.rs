//! What the program needs before Python can import the module: Python 3.9
//! or later, a virtual environment of the lesson's own
//! (`target/lesson08/venv`) with the pinned maturin and aiohttp
//! (`python/requirements.txt`), and the module built into it by
//! `maturin develop --release`. Not what the lesson teaches.

use std::path::{Path, PathBuf};

use lessonkit::process::run;

use lessonkit::python::{self, Python};

/// The workspace's root: two folders above this lesson.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// The lesson's own folder (the solution's program builds the lesson's
/// module: the program calls no exercise).
pub fn lesson_dir() -> PathBuf {
    root().join("lessons/lesson08")
}

/// The interpreter's own file (`sys.executable`, links resolved): what the
/// environment was made with.
fn executable(python: &Python) -> Result<String, String> {
    let out = python
        .command()
        .args([
            "-c",
            "import os, sys; print(os.path.realpath(sys.executable))",
        ])
        .output()
        .map_err(|e| format!("cannot run Python: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The environment's Python, made and filled if needed: made again when
/// it was made by another Python than the one found now (`PYTHON` changed).
/// Each step that does work says so on standard error; a second run does
/// none.
pub fn environment() -> Result<Python, String> {
    // `PYTHON` if set (one that is not 3.9 or later is an error in one
    // line, not a reason to take another Python), else the first found.
    let system = python::find(9)?;
    let venv = root().join("target/lesson08/venv");
    let bin = python::venv_python(&venv);
    let made_with = venv.join("lesson08-python.txt");
    let base = executable(&system)?;
    if bin.exists() {
        let old = std::fs::read_to_string(&made_with).unwrap_or_default();
        if old.trim() != base {
            eprintln!(
                "lesson08: the environment was made with {}; making it again with {base}",
                if old.trim().is_empty() {
                    "another Python"
                } else {
                    old.trim()
                }
            );
            std::fs::remove_dir_all(&venv).map_err(|e| format!("{}: {e}", venv.display()))?;
        }
    }
    if !bin.exists() {
        eprintln!(
            "lesson08: making the virtual environment {}",
            venv.display()
        );
        python::make_venv(&mut system.command(), &venv)?;
        std::fs::write(&made_with, &base).map_err(|e| format!("{}: {e}", made_with.display()))?;
    }
    let venv_python = Python {
        command: vec![bin.into_os_string()],
        version: system.version,
    };
    let requirements = lesson_dir().join("python/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|e| format!("{}: {e}", requirements.display()))?
        + &std::fs::read_to_string(root().join("bench/python/requirements.txt"))
            .unwrap_or_default();
    let stamp = venv.join("lesson08-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        eprintln!("lesson08: installing maturin and aiohttp (pinned) from PyPI");
        python::pip_install(&mut venv_python.command(), &requirements)?;
        std::fs::write(&stamp, &wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(venv_python)
}

/// Builds the lesson's crate as the module `lesson08` (release, in a target
/// folder of its own so that it does not undo the grader's debug build)
/// and installs it into the environment.
pub fn build_module(venv_python: &Python) -> Result<(), String> {
    let venv = root().join("target/lesson08/venv");
    eprintln!("lesson08: maturin develop --release (the first build takes a few minutes)");
    run(
        "maturin develop",
        venv_python
            .command()
            .args([
                "-m",
                "maturin",
                "develop",
                "--release",
                "--locked",
                "--quiet",
                "-m",
            ])
            .arg(lesson_dir().join("Cargo.toml"))
            .env("VIRTUAL_ENV", &venv)
            .env("CARGO_TARGET_DIR", root().join("target/lesson08/build")),
    )
}
