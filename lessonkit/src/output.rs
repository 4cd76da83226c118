//! Standard output for a lesson's program. When the reader has gone (`|
//! head` has read enough) the program ends at once with status 0, as
//! command-line tools do, instead of panicking as `println!` would.
//!
//! This is the one place in lessonkit that ends the process: a closed pipe
//! is what SIGPIPE ends a C program for, and the demos write hundreds of
//! lines that a `Result` on each would bury. Everything else here returns
//! an error for `main` to report.

use std::fmt;
use std::io::{self, Write};

/// `println!` for a lesson's program, through [`Stdout`].
#[macro_export]
macro_rules! say {
    () => {
        $crate::output::say_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::say_line(format_args!($($arg)*))
    };
}

/// What [`say!`] runs: one line to [`Stdout`].
pub fn say_line(line: fmt::Arguments<'_>) {
    // `Stdout` has ended the program on any error.
    let _ = writeln!(Stdout, "{line}");
}

/// Standard output for code that writes to any `impl Write`: on a closed
/// pipe the program ends with status 0, and on any other error (a full
/// disk) it says so in one line and ends with status 1. So a write to it
/// never fails.
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
