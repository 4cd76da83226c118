//! Finding Python, for a lesson that runs Python beside Rust (lesson 08).
//!
//! Python is `PYTHON` if that is set (and then only it: one that does not
//! run is an error, not a reason to try another), else `python3` then
//! `python` on Linux and macOS; on Windows the `py -3` launcher that python.org's installer
//! puts on PATH, then `python`, then `python3` (which may be the Microsoft
//! Store's stub). It runs in UTF-8 mode (PEP 540), so what it prints reads
//! the same on every platform and locale.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python interpreter: the command that starts it and its version.
#[derive(Debug, Clone)]
pub struct Python {
    /// The program and the arguments before the script's (`["py", "-3"]`).
    pub command: Vec<OsString>,
    /// `(3, 11)` for Python 3.11.
    pub version: (u32, u32),
}

impl Python {
    /// A command that runs this Python in UTF-8 mode; add the arguments.
    pub fn command(&self) -> Command {
        let mut command = utf8_command(&self.command[0]);
        command.args(&self.command[1..]);
        command
    }
}

/// A command that runs the Python `program` in UTF-8 mode (PEP 540's, and
/// the same for its standard streams), whatever the locale.
pub fn utf8_command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .env("PYTHONUTF8", "1")
        .env("PYTHONIOENCODING", "utf-8");
    command
}

/// The interpreter of the virtual environment `venv`.
pub fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts/python.exe")
    } else {
        venv.join("bin/python")
    }
}

/// Makes the virtual environment `venv` with the Python that `python`
/// starts (`python -m venv VENV`), and returns its interpreter.
pub fn make_venv(python: &mut Command, venv: &Path) -> Result<PathBuf, String> {
    crate::process::run("python -m venv", python.args(["-m", "venv"]).arg(venv)).map_err(|e| {
        format!("{e}; Debian and Ubuntu need the venv module: apt-get install python3-venv")
    })?;
    Ok(venv_python(venv))
}

/// Installs the requirements file `requirements` with pip, into the Python
/// (a virtual environment's) that `python` starts.
pub fn pip_install(python: &mut Command, requirements: &Path) -> Result<(), String> {
    let pip = [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ];
    crate::process::run("pip install", python.args(pip).arg("-r").arg(requirements))
        .map_err(|e| format!("{e}; PyPI must be reachable once"))
}

/// The first Python 3.`min_minor` or later among the candidates above, or
/// one line saying what was tried and found.
pub fn find(min_minor: u32) -> Result<Python, String> {
    let mut candidates: Vec<Vec<OsString>> = Vec::new();
    // A Python named on purpose is the only one tried: falling back to
    // another would run a Python the learner did not pick, silently.
    if let Some(p) = std::env::var_os("PYTHON").filter(|p| !p.is_empty()) {
        let shown = shown(std::slice::from_ref(&p));
        let mut python = Python {
            command: vec![p],
            version: (0, 0),
        };
        return match python.command().arg("--version").output() {
            Err(e) => Err(format!("PYTHON={shown} does not run ({e})")),
            Ok(out) => match version(
                &(String::from_utf8_lossy(&out.stdout).to_string()
                    + &String::from_utf8_lossy(&out.stderr)),
            ) {
                Some(v) if out.status.success() && v.0 == 3 && v.1 >= min_minor => {
                    python.version = v;
                    Ok(python)
                }
                Some(v) => Err(format!(
                    "PYTHON={shown} is Python {}.{}, and 3.{min_minor} or later is needed",
                    v.0, v.1
                )),
                None => Err(format!("PYTHON={shown} did not say which Python it is")),
            },
        };
    }
    let names: &[&[&str]] = if cfg!(windows) {
        &[&["py", "-3"], &["python"], &["python3"]]
    } else {
        &[&["python3"], &["python"]]
    };
    candidates.extend(names.iter().map(|n| n.iter().map(OsString::from).collect()));
    let mut found = Vec::new();
    for command in candidates {
        let shown = shown(&command);
        let mut python = Python {
            command,
            version: (0, 0),
        };
        let Ok(out) = python.command().arg("--version").output() else {
            continue;
        };
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        match version(&text) {
            Some(v) if out.status.success() && v.0 == 3 && v.1 >= min_minor => {
                python.version = v;
                return Ok(python);
            }
            Some(v) => found.push(format!("{shown} is Python {}.{}", v.0, v.1)),
            None => {}
        }
    }
    if found.is_empty() {
        Err(format!(
            "no Python 3.{min_minor} or later found (tried {}); set PYTHON to its path",
            if cfg!(windows) {
                "py -3, python, python3"
            } else {
                "python3, python"
            }
        ))
    } else {
        Err(format!(
            "Python 3.{min_minor} or later is needed, but {}; set PYTHON to a newer one",
            found.join(", ")
        ))
    }
}

fn shown(command: &[OsString]) -> String {
    let parts: Vec<_> = command.iter().map(|a| a.to_string_lossy()).collect();
    parts.join(" ")
}

/// `(3, 11)` from `Python 3.11.7`.
fn version(text: &str) -> Option<(u32, u32)> {
    let rest = text.trim().strip_prefix("Python ")?;
    let mut parts = rest.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions() {
        assert_eq!(version("Python 3.11.7\n"), Some((3, 11)));
        assert_eq!(version("Python 3.13.0rc1"), Some((3, 13)));
        assert_eq!(version("Python 2.7.18"), Some((2, 7)));
        assert_eq!(version("bash: python3: not found"), None);
    }
}
