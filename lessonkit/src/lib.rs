//! Plumbing the lessons' programs share, so that a lesson's own modules
//! hold the lesson and little else.
//!
//! - [`say!`] and [`Stdout`]: `println!` and standard output that end the
//!   program quietly when its reader has gone (`cargo run -p lesson02 |
//!   head`), instead of panicking or failing.
//! - [`bad_argument`] and [`number`]: a bad command line gets one line on
//!   standard error and exit status 2, naming the range a number must be in.
//! - [`memory`]: this process's resident memory and its peak (Linux's
//!   `/proc/self/status`; unknown elsewhere).
//! - [`cpu_time`] and [`load_average`]: this process's CPU time and how
//!   busy the machine was (Linux; unknown elsewhere).
//! - [`run_self`] and [`Ended`]: the same program again in a fresh child
//!   process, so a measurement's memory is its own.
//! - [`median`], and [`duration`] and [`bytes`] written for people.
//! - [`printable`]: text a peer sent, with control characters, bidi
//!   controls and invisible characters escaped before a terminal sees them
//!   (chapter 2 shows it: escaping is part of reading from a network).
//! - [`python`]: a Python interpreter of at least a given version, for a
//!   lesson that runs Python beside Rust.
//!
//! Apart from [`printable`], none of it is what the course teaches, and the
//! lessons' chapters do not show it.

mod text;
pub use text::{is_invisible, printable, printable_bytes};

use std::fmt;
use std::io::{self, Write};
use std::process::{Command, ExitCode, ExitStatus, Output};
use std::time::Duration;

pub mod python;

/// `println!` for a lesson's program: when standard output is a closed pipe
/// (`| head` has read enough) the program ends at once with status 0, as
/// command-line tools do, instead of panicking as `println!` would.
#[macro_export]
macro_rules! say {
    () => {
        $crate::say_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::say_line(format_args!($($arg)*))
    };
}

/// What [`say!`] runs: one line to [`Stdout`].
pub fn say_line(line: fmt::Arguments<'_>) {
    // `Stdout` has ended the program on any error.
    let _ = writeln!(Stdout, "{line}");
}

/// Standard output for a lesson's program, for code that writes to any
/// `impl Write`: when the reader has gone (a closed pipe) the program ends
/// at once with status 0, and on any other error (a full disk) it says so
/// in one line and ends with status 1. So a write to it never fails.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stdout;

impl Stdout {
    fn check<T>(result: io::Result<T>) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => {
                eprintln!("cannot write to standard output: {e}");
                std::process::exit(1)
            }
            ok => ok,
        }
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Stdout::check(io::stdout().lock().write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        Stdout::check(io::stdout().lock().write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        Stdout::check(io::stdout().lock().flush())
    }
}

/// A bad command line: `PROGRAM: MESSAGE` on standard error, and the exit
/// status 2 that tells it apart from a run that failed (1).
pub fn bad_argument(program: &str, message: impl fmt::Display) -> ExitCode {
    eprintln!("{program}: {message}");
    ExitCode::from(2)
}

/// The value of option `flag`, a number from `min` to `max` (`_` may group
/// digits: `100_000`). The error names the very bounds the check uses, so
/// the two cannot disagree: `--tasks takes a number from 1 to 1000000, not "0"`.
pub fn number<T>(flag: &str, value: &str, min: T, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + fmt::Display,
{
    match value.replace('_', "").parse::<T>() {
        Ok(n) if min <= n && n <= max => Ok(n),
        _ => Err(format!(
            "{flag} takes a number from {min} to {max}, not {value:?}"
        )),
    }
}

/// This process's memory, in KiB, as Linux's `/proc/self/status` gives it;
/// `None` on other systems, or if the file cannot be read.
pub mod memory {
    /// Resident memory now (`VmRSS`), KiB.
    pub fn rss_kib() -> Option<u64> {
        status_kib("VmRSS")
    }

    /// The most resident memory the process has had (`VmHWM`, the
    /// high-water mark), KiB.
    pub fn peak_kib() -> Option<u64> {
        status_kib("VmHWM")
    }

    /// Address space reserved now (`VmSize`), KiB.
    pub fn virtual_kib() -> Option<u64> {
        status_kib("VmSize")
    }

    #[cfg(target_os = "linux")]
    fn status_kib(field: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        parse_kib(&status, field)
    }

    /// Other systems have no `/proc`: the figure is unknown, not guessed.
    #[cfg(not(target_os = "linux"))]
    fn status_kib(_field: &str) -> Option<u64> {
        None
    }

    /// Field `field` of a `/proc/PID/status` text (`VmHWM:    6788 kB`).
    pub(crate) fn parse_kib(status: &str, field: &str) -> Option<u64> {
        status.lines().find_map(|line| {
            let rest = line.strip_prefix(field)?.strip_prefix(':')?;
            rest.trim().trim_end_matches("kB").trim().parse().ok()
        })
    }
}

/// The CPU time this process has used so far, all threads together, from
/// Linux's `/proc/self/stat` (fields 14 and 15, `utime` and `stime`, in
/// clock ticks of 1/100 s: `USER_HZ`, 100 on Linux), so good to about
/// 10 ms; `None` on other systems.
pub fn cpu_time() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        cpu_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 10))
    }
    #[cfg(not(target_os = "linux"))]
    None
}

/// `utime + stime` of a `/proc/PID/stat` line. The command name, in
/// brackets, may hold spaces and brackets: fields are counted after its
/// last `)`.
fn cpu_ticks(stat: &str) -> Option<u64> {
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some(ticks(11)? + ticks(12)?)
}

/// The machine's load average over the last minute (Linux's
/// `/proc/loadavg`): a hint of how much else ran during a measurement.
/// `None` on other systems.
pub fn load_average() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let text = std::fs::read_to_string("/proc/loadavg").ok()?;
        text.split_whitespace().next()?.parse().ok()
    }
    #[cfg(not(target_os = "linux"))]
    None
}

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

/// A duration for people: `12.3 µs`, `4.5 ms`, `1.25 s`.
pub fn duration(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else if us < 1e6 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// A size for people, in binary units (`1.5 KiB`); `unknown` for `None`.
pub fn bytes(b: Option<f64>) -> String {
    let Some(b) = b else {
        return "unknown".to_string();
    };
    if b < 1024.0 {
        format!("{b:.0} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else if b < 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} MiB", b / 1024.0 / 1024.0)
    } else {
        format!("{:.1} GiB", b / 1024.0 / 1024.0 / 1024.0)
    }
}
/// The median of `values` (the mean of the middle two for an even count);
/// `None` for none. NaN sorts last (`total_cmp`).
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[mid]),
        _ => Some((sorted[mid - 1] + sorted[mid]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ends of the range pass, just outside them fails, and the
    /// message names the range.
    #[test]
    fn number_accepts_the_range_it_names() {
        assert_eq!(number("--tasks", "1", 1, 10), Ok(1));
        assert_eq!(number("--tasks", "1_0", 1, 10), Ok(10));
        for bad in ["0", "11", "-1", "lots", ""] {
            let e = number("--tasks", bad, 1, 10).unwrap_err();
            assert_eq!(
                e,
                format!("--tasks takes a number from 1 to 10, not {bad:?}")
            );
        }
        assert_eq!(number("--timeout", "0.001", 0.001, 600.0), Ok(0.001));
        for bad in ["0", "1e-300", "600.5", "NaN", "inf"] {
            assert!(number("--timeout", bad, 0.001, 600.0).is_err(), "{bad}");
        }
    }

    #[test]
    fn status_fields_parse_in_kib() {
        let status = "Name:\tx\nVmHWM:\t    6788 kB\nVmRSS:\t    2644 kB\n";
        assert_eq!(memory::parse_kib(status, "VmHWM"), Some(6788));
        assert_eq!(memory::parse_kib(status, "VmRSS"), Some(2644));
        assert_eq!(memory::parse_kib(status, "VmSize"), None);
        // A field whose name another begins with is not taken for it.
        assert_eq!(memory::parse_kib("VmRSSX: 1 kB\n", "VmRSS"), None);
    }

    /// On Linux the figures are there and the peak is at least the present.
    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_has_memory() {
        let (rss, peak) = (memory::rss_kib().unwrap(), memory::peak_kib().unwrap());
        assert!(0 < rss && rss <= peak, "rss {rss} KiB, peak {peak} KiB");
    }

    #[test]
    fn units_for_people() {
        assert_eq!(duration(Duration::from_nanos(12_345)), "12.3 µs");
        assert_eq!(duration(Duration::from_micros(4_500)), "4.5 ms");
        assert_eq!(duration(Duration::from_millis(1_250)), "1.25 s");
        assert_eq!(bytes(Some(512.0)), "512 B");
        assert_eq!(bytes(Some(1536.0)), "1.5 KiB");
        assert_eq!(bytes(Some(3.0 * 1024.0 * 1024.0 * 1024.0)), "3.0 GiB");
        assert_eq!(bytes(None), "unknown");
    }

    /// The command name may hold `) `: fields count after the last `)`.
    #[test]
    fn cpu_ticks_are_counted_after_the_name() {
        let stat = "42 (a) b) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 1";
        assert_eq!(cpu_ticks(stat), Some(300));
        assert_eq!(cpu_ticks("42 (x) S 1"), None);
    }

    #[test]
    fn median_of_odd_even_and_none() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_signal_is_told_from_an_exit_code() {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(Ended::of(ExitStatus::from_raw(6)), Ended::Signal(6));
        assert_eq!(Ended::of(ExitStatus::from_raw(2 << 8)), Ended::Code(2));
    }
}
