//! The machine and the versions a run used, for the published figures.

use std::path::Path;
use std::process::Command;

use lessonkit::cpu::{cpu_model, mem_total_gib};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// `model name` in /proc/cpuinfo.
    pub cpu_model: String,
    /// Logical CPUs the benchmark may use.
    pub cores: usize,
    /// MemTotal in /proc/meminfo, GiB.
    pub memory_gib: f64,
    pub os: String,
    pub kernel: String,
    /// The open-file limit (soft) the servers and load generator ran with.
    pub open_files: u64,
    /// net.core.somaxconn: the kernel's cap on any listen backlog.
    #[serde(default)]
    pub somaxconn: u64,
    /// /proc/loadavg's 1-minute figure when the run started and ended: a
    /// high figure at the start means other work was running.
    pub load_at_start: f64,
    pub load_at_end: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Versions {
    pub rustc: String,
    pub tokio: String,
    pub axum: String,
    pub python: String,
    pub aiohttp: String,
    pub wrk: String,
}

/// The version a Cargo.lock text pins for `package` (the first, if several).
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let needle = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == needle {
            let version = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_string());
        }
    }
    None
}

/// The 1-minute load average now (NaN where unreadable).
#[cfg(target_os = "linux")]
pub fn load_average() -> f64 {
    lessonkit::cpu::load_average().unwrap_or(f64::NAN)
}

/// This machine, from `/proc` and `/etc/os-release` (the benchmark measures
/// on Linux only; see the crate's documentation).
#[cfg(target_os = "linux")]
pub fn machine(open_files: u64) -> Machine {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let os = read("/etc/os-release")
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|s| s.trim_matches('"').to_string())
        .unwrap_or_default();
    Machine {
        cpu_model: cpu_model(&read("/proc/cpuinfo")).unwrap_or_else(|| "unknown".into()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory_gib: mem_total_gib(&read("/proc/meminfo")).unwrap_or(0.0),
        os,
        kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
        open_files,
        somaxconn: read("/proc/sys/net/core/somaxconn")
            .trim()
            .parse()
            .unwrap_or(0),
        load_at_start: load_average(),
        load_at_end: f64::NAN,
    }
}

/// The first line a command prints (on stdout, else stderr), or "".
pub fn first_line(program: &Path, args: &[&str]) -> String {
    let Ok(out) = Command::new(program).args(args).output() else {
        return String::new();
    };
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    String::from_utf8_lossy(&text)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"tokio\"\nversion = \"1.54.0\"\nsource = \"x\"\n\n[[package]]\nname = \"tokio-macros\"\nversion = \"2.6.0\"\n";
        assert_eq!(locked_version(lock, "tokio").as_deref(), Some("1.54.0"));
        assert_eq!(
            locked_version(lock, "tokio-macros").as_deref(),
            Some("2.6.0")
        );
        assert_eq!(locked_version(lock, "axum"), None);
    }
}
