//! Child processes: this same program again, to measure in a fresh
//! process, and how a child that did not succeed ended.

use std::process::{Command, ExitStatus, Output};

/// Runs this same program again, with `args`, in a fresh child process and
/// waits for it: its output and how it ended. A fresh process starts with
/// nothing allocated, so its peak memory is the measurement's own. The
/// error is one line (the program cannot be found or started).
pub fn run_self<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Result<Output, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    Command::new(exe)
        .args(args)
        .output()
        .map_err(|e| format!("cannot start a child process: {e}"))
}

/// Runs `command` (its output goes where the caller's goes) and waits for
/// it; an error, in one line naming it as `what`, if it cannot be started
/// or does not succeed.
pub fn run(what: &str, command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// How a child process that did not succeed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// It exited with this code, having said why on its stderr.
    Code(i32),
    /// A signal ended it (Unix only): 6 (`SIGABRT`) is how Rust's runtime
    /// stops on a fatal error, 9 (`SIGKILL`) how Linux's out-of-memory
    /// killer ends a process.
    Signal(i32),
    /// Neither is known.
    Unknown,
}

impl Ended {
    pub fn of(status: ExitStatus) -> Ended {
        match (status.code(), signal_of(status)) {
            (Some(code), _) => Ended::Code(code),
            (None, Some(signal)) => Ended::Signal(signal),
            (None, None) => Ended::Unknown,
        }
    }
}

#[cfg(unix)]
fn signal_of(status: ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt;
    status.signal()
}

/// Only Unix ends processes with signals.
#[cfg(not(unix))]
fn signal_of(_: ExitStatus) -> Option<i32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_signal_is_told_from_an_exit_code() {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(Ended::of(ExitStatus::from_raw(6)), Ended::Signal(6));
        assert_eq!(Ended::of(ExitStatus::from_raw(2 << 8)), Ended::Code(2));
    }

    #[test]
    fn a_failed_command_is_one_line_naming_it() {
        let e = run("nothing", &mut Command::new("/no/such/program")).unwrap_err();
        assert!(
            e.starts_with("cannot run nothing: ") && !e.contains('\n'),
            "{e}"
        );
    }
}
