//! How the tool writes to the terminal: colour only on a terminal and never
//! when `NO_COLOR` is set (<https://no-color.org>), lines cut to the
//! terminal's width, measured in columns (a Chinese character takes two),
//! and in Chinese under a Chinese locale (see [`courseinfo::locale`]).

use std::io::IsTerminal;

/// Colour and width, as they are now: detect them again before each
/// screenful (`watch` does), as the terminal may have been resized.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    colour: bool,
    /// Columns per line.
    pub width: usize,
    /// Whether to speak Chinese.
    pub zh: bool,
}

#[derive(Debug, Clone, Copy)]
pub enum Colour {
    Green,
    Red,
    Yellow,
    Magenta,
    Dim,
    Bold,
}

impl Ui {
    pub fn detect() -> Ui {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        // COLUMNS wins (tests set it); then the terminal's own width; then 100.
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .filter(|&w: &usize| w >= 40)
            .unwrap_or(100);
        Ui {
            colour: std::io::stdout().is_terminal() && !no_color,
            width,
            zh: courseinfo::locale::chinese_locale(),
        }
    }

    /// `en` or `zh`, in the learner's language.
    pub fn say<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh { zh } else { en }
    }

    /// A UI without colour, `width` wide: for tests and pipes.
    pub fn plain(width: usize) -> Ui {
        Ui {
            colour: false,
            width,
            zh: false,
        }
    }

    pub fn paint(&self, colour: Colour, text: &str) -> String {
        if !self.colour {
            return text.to_string();
        }
        let code = match colour {
            Colour::Green => "32",
            Colour::Red => "31",
            Colour::Yellow => "33",
            Colour::Magenta => "35",
            Colour::Dim => "2",
            Colour::Bold => "1",
        };
        format!("\u{1b}[{code}m{text}\u{1b}[0m")
    }

    /// `text` wrapped to the width, line by line: a long line goes on
    /// under its own indentation; short lines (the compiler's code
    /// excerpts, say) are left as they are.
    pub fn wrap(&self, text: &str) -> String {
        text.lines()
            .map(|line| {
                if width(line) <= self.width {
                    return line.to_string();
                }
                let indent = &line[..line.len() - line.trim_start().len()];
                // A path or a URL longer than the line stays whole: it
                // must still be found by a click or a copy.
                let options = textwrap::Options::new(self.width)
                    .subsequent_indent(indent)
                    .break_words(false);
                textwrap::fill(line, options)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Cuts `text` to at most `room` columns, marking the cut with `…`.
    pub fn fit(text: &str, room: usize) -> String {
        if width(text) <= room {
            return text.to_string();
        }
        let mut cut = String::new();
        for c in text.chars() {
            if width(&cut) + width(c.encode_utf8(&mut [0; 4])) + 1 > room {
                break;
            }
            cut.push(c);
        }
        cut.push('…');
        cut
    }

    /// `text` cut to `room` columns and padded with spaces to exactly that.
    pub fn pad(text: &str, room: usize) -> String {
        let fitted = Ui::fit(text, room);
        let fill = room.saturating_sub(width(&fitted));
        format!("{fitted}{}", " ".repeat(fill))
    }
}

/// The end of a command: success for `Ok(true)`, failure (1) for
/// `Ok(false)` (something to do, or a check that found problems), and 2
/// with one line on standard error for `Err`, as every command of the tool
/// (and of devkit) ends.
pub fn finish(result: Result<bool, String>) -> std::process::ExitCode {
    use std::process::ExitCode;
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("course: {e}");
            ExitCode::from(2)
        }
    }
}

/// The columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// Runs `work`; says `notice` on standard error if it takes more than a
/// second (a warm build takes less, and then says nothing).
pub fn say_if_slow<T>(notice: &str, work: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let notice = notice.to_string();
    let speaker = std::thread::spawn(move || {
        // Timeout: still working. Disconnected: done before the second.
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            wait.recv_timeout(std::time::Duration::from_secs(1))
        {
            eprintln!("{notice}");
        }
    });
    let out = work();
    drop(done);
    let _ = speaker.join();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long text is cut to the room there is, short text left alone.
    #[test]
    fn fit_cuts_only_what_is_too_long() {
        assert_eq!(Ui::fit("abcdef", 4), "abc…");
        assert_eq!(Ui::fit("abc", 4), "abc");
        assert_eq!(Ui::fit("世界你好", 5), "世界…");
        assert_eq!(
            Ui::pad("世界", 6),
            "世界  ",
            "a Chinese character is two columns"
        );
    }

    /// A long line goes on under its own indentation; short ones stay.
    #[test]
    fn wrap_keeps_the_indentation() {
        let ui = Ui::plain(20);
        assert_eq!(
            ui.wrap("    one two three four five six\nshort"),
            "    one two three\n    four five six\nshort"
        );
    }

    /// A plain UI never writes escape codes.
    #[test]
    fn plain_has_no_escape_codes() {
        assert_eq!(Ui::plain(80).paint(Colour::Red, "x"), "x");
    }
}
