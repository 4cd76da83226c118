//! What the benchmark needs before it measures, installed by itself and
//! nowhere system-wide except the load generator: the Python virtual
//! environment with the pinned aiohttp, wrk (Debian's package, pinned), and
//! release builds of lessons 02 and 04.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lessonkit::process::run;
use lessonkit::python::{self, utf8_command};

/// The Debian package of the load generator, and the version asked for.
pub const WRK_PACKAGE: &str = "wrk";
pub const WRK_VERSION: &str = "4.1.0-3+b2";

/// The repository's root: the benchmark crate's parent.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ sits in the repository")
        .to_path_buf()
}

/// The pinned aiohttp version, from the first `aiohttp==` line of a requirements text.
pub fn pinned_aiohttp(requirements: &str) -> Option<String> {
    requirements
        .lines()
        .find_map(|l| l.trim().strip_prefix("aiohttp=="))
        .map(|v| v.trim().to_string())
}

/// Makes bench/.venv (if missing) and installs bench/python/requirements.txt
/// into it (if aiohttp is not there at the pinned version). Returns the
/// environment's python.
pub fn python_env(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("bench/.venv");
    let python = python::venv_python(&venv);
    let requirements = root.join("bench/python/requirements.txt");
    let text = std::fs::read_to_string(&requirements)
        .map_err(|e| format!("{}: {e}", requirements.display()))?;
    let pinned = pinned_aiohttp(&text).ok_or("requirements.txt pins no aiohttp")?;
    if !python.exists() {
        eprintln!("bench: creating the Python environment {}", venv.display());
        python::make_venv(&mut utf8_command("python3"), &venv)?;
    }
    if aiohttp_version(&python).as_deref() != Some(pinned.as_str()) {
        eprintln!("bench: installing aiohttp {pinned} into {}", venv.display());
        python::pip_install(&mut utf8_command(&python), &requirements)?;
    }
    match aiohttp_version(&python) {
        Some(v) if v == pinned => Ok(python),
        other => Err(format!(
            "aiohttp {pinned} did not install into {} (found {other:?})",
            venv.display()
        )),
    }
}

/// The aiohttp version that `python` imports, if any.
pub fn aiohttp_version(python: &Path) -> Option<String> {
    let out = utf8_command(python)
        .args(["-c", "import aiohttp; print(aiohttp.__version__)"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let v = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !v.is_empty()).then_some(v)
}

/// A program on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// wrk, installed with apt-get if missing: the pinned version first, then
/// whatever this Debian release has (its version goes into the results).
pub fn wrk() -> Result<PathBuf, String> {
    if let Some(path) = which("wrk") {
        return Ok(path);
    }
    if which("apt-get").is_none() {
        return Err(
            "wrk is not installed and there is no apt-get; install wrk 4.1 and run again".into(),
        );
    }
    eprintln!("bench: installing {WRK_PACKAGE} {WRK_VERSION} with apt-get");
    let install = |spec: &str| {
        run(
            &format!("apt-get install {spec}"),
            Command::new("apt-get")
                .args(["install", "-y", "--no-install-recommends", "-q", spec])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(Stdio::null()),
        )
    };
    let pinned = format!("{WRK_PACKAGE}={WRK_VERSION}");
    let result = install(&pinned).or_else(|_| {
        run(
            "apt-get update",
            Command::new("apt-get")
                .args(["update", "-q"])
                .stdout(Stdio::null()),
        )?;
        install(&pinned).or_else(|_| install(WRK_PACKAGE))
    });
    result
        .map_err(|e| format!("{e}; wrk is needed for the server figures (apt-get needs root)"))?;
    which("wrk").ok_or_else(|| "apt-get installed wrk, but it is not on PATH".to_string())
}

/// wrk's version as `wrk 4.1.0 (Debian 4.1.0-3+b2)`: Debian's build calls
/// itself `wrk debian/4.1.0-3+b2`, so the package's version is asked for.
pub fn wrk_version(wrk: &Path) -> String {
    let package = Command::new("dpkg-query")
        .args(["-W", "-f", "${Version}", WRK_PACKAGE])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty());
    match package {
        Some(p) => {
            let upstream = p.split('-').next().unwrap_or(&p);
            format!("wrk {upstream} (Debian {p})")
        }
        None => crate::machine::first_line(wrk, &["-v"])
            .split_whitespace()
            .take(2)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The profile the measured programs are built with: the benchmark's own.
/// `cargo bench-course` is a release build and measures release builds; a
/// debug build of the benchmark (`cargo run -p bench -- --quick`, as CI runs
/// it, reusing what `cargo test` compiled) builds the lessons in debug too,
/// which checks that everything works but measures nothing worth publishing.
pub fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

/// Builds package `package`'s binary of the same name in the benchmark's
/// [`profile`] and returns its path, read from cargo's JSON messages.
pub fn build_release(root: &Path, package: &str) -> Result<PathBuf, String> {
    build_binary(root, package, package)
}

/// Builds binary `bin` of package `package` as [`build_release`] does.
pub fn build_binary(root: &Path, package: &str, bin: &str) -> Result<PathBuf, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut args = vec!["build"];
    if profile() == "release" {
        args.push("--release");
    }
    args.extend([
        "-p",
        package,
        "--bin",
        bin,
        "--message-format",
        "json-render-diagnostics",
    ]);
    let shown = format!("cargo {}", args[..args.len() - 6].join(" "));
    let shown = if bin == package {
        format!("{shown} -p {package}")
    } else {
        format!("{shown} -p {package} --bin {bin}")
    };
    eprintln!("bench: {shown}");
    let out = Command::new(cargo)
        .current_dir(root)
        .args(&args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown} failed (is {package} in the workspace yet?)"
        ));
    }
    executable_from_messages(&String::from_utf8_lossy(&out.stdout), bin)
        .ok_or_else(|| format!("cargo built {bin} but named no executable"))
}

/// The `executable` of the compiler-artifact message for binary `name`.
pub fn executable_from_messages(messages: &str, name: &str) -> Option<PathBuf> {
    messages.lines().rev().find_map(|line| {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        if v["reason"] != "compiler-artifact" || v["target"]["name"] != name {
            return None;
        }
        v["executable"].as_str().map(PathBuf::from)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pin() {
        let text = "# comment\naiohttp==3.14.5\nyarl==1.25.1\n";
        assert_eq!(pinned_aiohttp(text).as_deref(), Some("3.14.5"));
        assert_eq!(pinned_aiohttp("yarl==1\n"), None);
    }

    #[test]
    fn finds_the_executable_in_cargo_messages() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"name":"lesson04","kind":["lib"]},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"name":"lesson04","kind":["bin"]},"executable":"/t/release/lesson04"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
            "\n"
        );
        assert_eq!(
            executable_from_messages(messages, "lesson04"),
            Some(PathBuf::from("/t/release/lesson04"))
        );
        assert_eq!(executable_from_messages(messages, "lesson02"), None);
    }
}
