//! The lessons' command lines: lexopt's parser, with every error one line
//! of text that names the option and what it takes, for [`bad_argument`]
//! to print.
//!
//! ```
//! use lessonkit::args::{Arg::Long, Args};
//!
//! fn pages(mut args: Args) -> Result<u32, String> {
//!     let mut pages = 11;
//!     while let Some(arg) = args.next()? {
//!         match arg {
//!             Long("pages") => pages = args.number(1, 1000)?,
//!             other => return Err(other.unexpected().to_string()),
//!         }
//!     }
//!     Ok(pages)
//! }
//! assert_eq!(pages(Args::from_args(["--pages", "12"])), Ok(12));
//! assert_eq!(
//!     pages(Args::from_args(["--pages", "0"])),
//!     Err(r#"--pages takes a number from 1 to 1000, not "0""#.to_string())
//! );
//! ```

use std::ffi::OsString;
use std::fmt;
use std::process::ExitCode;

pub use lexopt::Arg;

/// A command line being read, option by option.
#[derive(Debug)]
pub struct Args {
    parser: lexopt::Parser,
    /// The option read last, as written (`--pages`), for the messages.
    option: String,
}

impl Args {
    /// The program's own command line.
    pub fn from_env() -> Args {
        Args::new(lexopt::Parser::from_env())
    }

    /// The command line `args` (no program name first), for tests and for
    /// a mode's options after its name.
    pub fn from_args<I>(args: I) -> Args
    where
        I: IntoIterator,
        I::Item: Into<OsString>,
    {
        Args::new(lexopt::Parser::from_args(args))
    }

    fn new(parser: lexopt::Parser) -> Args {
        Args {
            parser,
            option: String::new(),
        }
    }

    /// The next option or free-standing value; `None` at the end. (Not an
    /// `Iterator`: the `Arg` borrows the parser, as lexopt's own `next` does.)
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Arg<'_>>, String> {
        let arg = self.parser.next().map_err(|e| e.to_string())?;
        match &arg {
            Some(Arg::Long(name)) => self.option = format!("--{name}"),
            Some(Arg::Short(c)) => self.option = format!("-{c}"),
            _ => {}
        }
        Ok(arg)
    }

    /// The value of the option just read, as text.
    pub fn text(&mut self) -> Result<String, String> {
        let value = self.parser.value().map_err(|e| e.to_string())?;
        value
            .into_string()
            .map_err(|v| format!("{} takes text, not {v:?}", self.option))
    }

    /// The value of the option just read: a number from `min` to `max`
    /// ([`number`]).
    pub fn number<T>(&mut self, min: T, max: T) -> Result<T, String>
    where
        T: std::str::FromStr + PartialOrd + fmt::Display,
    {
        let value = self.text()?;
        number(&self.option, &value, min, max)
    }

    /// The value of the option just read, made by `parse`; where it gives
    /// `None`, the error says `OPTION takes WHAT, not VALUE`.
    pub fn parse<T>(
        &mut self,
        what: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, String> {
        let value = self.text()?;
        parse(&value).ok_or_else(|| format!("{} takes {what}, not {value:?}", self.option))
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

    /// The error of `read` on the value of the first option of `args`, which
    /// must be one line.
    fn first_value_error(args: &[&str], read: impl Fn(&mut Args) -> Result<(), String>) -> String {
        let mut args = Args::from_args(args);
        args.next().unwrap().expect("an option");
        let e = read(&mut args).unwrap_err();
        assert!(!e.contains('\n'), "one line, not {e:?}");
        e
    }

    /// Each message names the option as it was written and what it takes.
    #[test]
    fn errors_name_the_option_and_what_it_takes() {
        let e = first_value_error(&["--pages", "0"], |a| a.number(1, 9).map(drop));
        assert_eq!(e, "--pages takes a number from 1 to 9, not \"0\"");
        let e = first_value_error(&["-n=x"], |a| a.number(1, 9).map(drop));
        assert_eq!(e, "-n takes a number from 1 to 9, not \"x\"");
        let e = first_value_error(&["--mode", "fast"], |a| {
            a.parse("slow or slower", |s| (s == "slow").then_some(()))
                .map(drop)
        });
        assert_eq!(e, "--mode takes slow or slower, not \"fast\"");
        let e = first_value_error(&["--pages"], |a| a.text().map(drop));
        assert!(
            e.contains("missing argument") && e.contains("--pages"),
            "{e}"
        );
        let mut args = Args::from_args(["--pages=3", "rest"]);
        assert!(matches!(args.next(), Ok(Some(Arg::Long("pages")))));
        assert_eq!(args.number(1, 9), Ok(3));
        assert!(matches!(args.next(), Ok(Some(Arg::Value(v))) if v == "rest"));
        assert!(matches!(args.next(), Ok(None)));
    }
}
