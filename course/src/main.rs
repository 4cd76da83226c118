//! `cargo course [COMMAND]`: see [`USAGE`].

use std::path::Path;
use std::process::{Command, ExitCode};

use course::ui::Ui;
use course::{hints, overview, reset, watch, workspace};

const USAGE: &str = "\
usage: cargo course [COMMAND]

  (none)        grade every lesson's exercises and say what to do next
  NN            grade lesson NN only, e.g. cargo course 02 (or 2, lesson02)
  NN-K          grade lesson NN and show exercise NN-K's whole message,
                e.g. cargo course 02-3 (or 2-3)
  watch         grade again each time you save; type q and Enter to stop
  hint ID [--more]
                a nudge for one exercise, e.g. cargo course hint 01-2;
                --more: the fuller hint, with code, close to the answer
                (in Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh)
  reset ID      put exercise ID back as shipped (your version is kept as a backup)
  book          build the book, in English and in Chinese, and print where it is
  COMMAND --help
                what COMMAND does (also: cargo course help COMMAND)

Maintainers' commands (built only when first asked for; see
cargo run -p devkit -- help): verify [NN], wrong [NN], stubs [--check],
po, check-book, check-book-browser CHROMIUM, measure-build [--ci],
new-lesson NN \"TITLE\"";

/// `cargo course NN` and `cargo course NN-K`, the grading forms.
const GRADE_USAGE: &str = "\
usage: cargo course [NN | NN-K]

  (none)        grade every lesson's exercises and say what to do next
  NN            grade lesson NN only, e.g. cargo course 02 (or 2, lesson02)
  NN-K          grade lesson NN and show exercise NN-K's whole message,
                e.g. cargo course 02-3 (or 2-3)

The exit code is 0 when every exercise graded passes, 1 when some are left
to do, 2 on an error.";

const WATCH_USAGE: &str = "\
usage: cargo course watch

Grades every lesson, then grades a lesson again each time one of its files
is saved, and shows the exercises whose state changed and the next step.
Type q and Enter (or press Ctrl-C) to stop.";

const HINT_USAGE: &str = "\
usage: cargo course hint ID [--more]

A nudge for exercise ID, e.g. cargo course hint 01-2 (or 1-2): what to
think about and which tool to reach for, with no code that solves it. The
ids are in the table of cargo course.

  --more        the fuller hint instead, with code: close to the answer,
                for when the nudge was not enough

In Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh.";

const RESET_USAGE: &str = "\
usage: cargo course reset ID

Puts exercise ID back as the course shipped it, e.g. cargo course reset 01-2
(or 1-2). Your version is first copied to a backup next to the file, whose
name is printed; a file already as shipped is left alone.";

const BOOK_USAGE: &str = "\
usage: cargo course book

Builds the book, in English and in Chinese, and prints where it is. The
first time, cargo compiles mdBook and the maintainers' tools first; on a
2-core machine that took 1 min 53 s after a first cargo course, and 3 min
24 s on a fresh clone. After that, building the book takes about 35 s.";

/// The commands of the maintainers' program, `devkit`, which a learner's
/// first `cargo course` does not build (mdBook alone is a hundred crates).
const DEVKIT: [&str; 9] = [
    "book",
    "verify",
    "wrong",
    "stubs",
    "po",
    "check-book",
    "check-book-browser",
    "measure-build",
    "new-lesson",
];

/// What `cargo course COMMAND --help` prints.
enum Help {
    /// The usage of one of the tool's own commands (or of them all).
    Own(&'static str),
    /// A maintainers' command: devkit's usage, which says what it does.
    Devkit,
}

/// The help for `command` (the first argument), `None` for no command the
/// tool knows.
fn help_for(command: &str) -> Option<Help> {
    Some(match command {
        "-h" | "--help" | "help" => Help::Own(USAGE),
        "watch" => Help::Own(WATCH_USAGE),
        "hint" => Help::Own(HINT_USAGE),
        "reset" => Help::Own(RESET_USAGE),
        "book" => Help::Own(BOOK_USAGE),
        _ if DEVKIT.contains(&command) => Help::Devkit,
        _ if workspace::parse_name(command).is_some() => Help::Own(GRADE_USAGE),
        _ => return None,
    })
}

/// Whether the arguments ask for help rather than for work: `-h` or
/// `--help` anywhere (no id or lesson starts with a dash), or `help
/// COMMAND`. Returns the command asked about.
fn asks_for_help<'a>(args: &[&'a str]) -> Option<&'a str> {
    match args {
        ["help"] => Some("help"),
        ["help", command] => Some(command),
        [first, ..] if args.iter().any(|a| matches!(*a, "-h" | "--help")) => Some(first),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Help needs no course around it, except a maintainers' command's.
    let help = asks_for_help(&args).map(|command| (command, help_for(command)));
    match help {
        Some((_, Some(Help::Own(usage)))) => {
            println!("{usage}");
            return ExitCode::SUCCESS;
        }
        Some((command, None)) => {
            return course::ui::finish(Err(format!("no command {command:?}\n\n{USAGE}")));
        }
        Some((_, Some(Help::Devkit))) | None => {}
    }
    let root = match workspace::find() {
        Ok(root) => root,
        Err(e) => return course::ui::finish(Err(e)),
    };
    if let Some((_, Some(Help::Devkit))) = help {
        return devkit(&root, &["help"]);
    }
    let ui = Ui::detect();
    let result = match args.as_slice() {
        // verify takes a lesson as every command does (6, 06, lesson06).
        ["verify", lesson] => match workspace::lessons(&root)
            .and_then(|all| workspace::find_lesson(&all, lesson).map(|l| l.lesson.number.clone()))
        {
            Ok(nn) => return devkit(&root, &["verify", &nn]),
            Err(e) => Err(e),
        },
        [command, ..] if DEVKIT.contains(command) => return devkit(&root, &args),
        [] => overview::show(&root, &ui, None, None).inspect(|_| show_book(&root, &ui)),
        [which] if workspace::parse_name(which).is_some() => grade(&root, &ui, which),
        ["watch"] => watch::run(&root),
        [command @ "hint", "--more"] => Err(needs_id(command)),
        ["hint", id] => hint(&root, id, hints::Level::Nudge).map(|()| true),
        ["hint", id, "--more"] | ["hint", "--more", id] => {
            hint(&root, id, hints::Level::More).map(|()| true)
        }
        ["reset", id] => reset::reset(&root, id).map(|said| {
            println!("{said}");
            true
        }),
        [command @ ("hint" | "reset")] => Err(needs_id(command)),
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    };
    course::ui::finish(result)
}

/// What `hint` or `reset` without an exercise id says.
fn needs_id(command: &str) -> String {
    format!(
        "{command} needs an exercise id: cargo course {command} 01-2 (the ids are in the table of cargo course)"
    )
}

/// `cargo course NN` or `cargo course NN-K`: the lesson or the exercise is
/// looked up before anything is built, so that a mistyped one costs no
/// build and says which there are.
fn grade(root: &Path, ui: &Ui, which: &str) -> Result<bool, String> {
    let lessons = workspace::lessons(root)?;
    let (nn, id) = match workspace::parse_name(which) {
        Some(workspace::Named {
            exercise: Some(_), ..
        }) => {
            let (found, ex) = workspace::find_exercise(&lessons, which)?;
            (found.lesson.number.clone(), Some(ex.id.clone()))
        }
        _ => (
            workspace::find_lesson(&lessons, which)?
                .lesson
                .number
                .clone(),
            None,
        ),
    };
    overview::show(root, ui, Some(&nn), id.as_deref())
}

/// Runs the maintainers' program with `args`, through cargo, and passes its
/// exit code on.
fn devkit(root: &Path, args: &[&str]) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    if args.first() == Some(&"book") {
        // Measured, not guessed (see README.md, "The book"): on 2 cores
        // shared with other builds, 113 s after a first `cargo course`, 33 s
        // once built, 3 min 24 s on a fresh clone.
        eprintln!(
            "building the book (the first time, cargo compiles mdBook first: on a 2-core machine 2 min after a first cargo course, 3½ min on a fresh clone; after that about 35 s)…"
        );
    }
    let status = Command::new(cargo)
        .current_dir(root)
        .args(["run", "--quiet", "-p", "devkit", "--"])
        .args(args)
        .status();
    match status {
        Ok(s) => match s.code() {
            Some(0) => ExitCode::SUCCESS,
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(2)),
            None => ExitCode::from(2),
        },
        Err(e) => {
            eprintln!("course: cannot run cargo: {e}");
            ExitCode::from(2)
        }
    }
}

/// Says where the book is, or how to build it, after the table. Grading
/// never builds it: that is `cargo course book`, which compiles mdBook the
/// first time.
fn show_book(root: &Path, ui: &Ui) {
    let (english, chinese) = (
        root.join("book/build/index.html"),
        root.join("book/build/zh-CN/index.html"),
    );
    match (english.is_file(), ui.zh) {
        (true, true) => println!("\n本书中文版：file://{}", chinese.display()),
        (true, false) => println!("\nThe book: file://{}", english.display()),
        (false, true) => println!("\n读书：运行 cargo course book 构建本书（中英两版）。"),
        (false, false) => {
            println!("\nTo read the book: cargo course book builds it (both editions).")
        }
    }
}

/// `cargo course hint ID [--more]`: the nudge, with the command that gives
/// more, or the fuller hint; in Chinese when the locale is
/// (LANG=zh_CN.UTF-8 and the like) and the lesson has the Chinese.
fn hint(root: &Path, id: &str, level: hints::Level) -> Result<(), String> {
    let lessons = workspace::lessons(root)?;
    let (lesson, ex) = workspace::find_exercise(&lessons, id)?;
    let file = format!("{}/{}", lesson.lesson.folder, ex.file);
    let more = format!("cargo course hint {} --more", ex.id);
    if hints::chinese_locale()
        && let Some(zh) = hints::load(&lesson.dir)?.get(&ex.id)
    {
        match level {
            hints::Level::Nudge => {
                println!(
                    "练习 {}（{}）的提示，文件 {file}：
",
                    ex.id, zh.title
                );
                println!("{}", zh.hint.trim());
                println!(
                    "
还是卡住了？{more} 会给出更完整的提示，带代码，已经接近答案。"
                );
            }
            hints::Level::More => {
                println!(
                    "练习 {}（{}）的详细提示，文件 {file}：
",
                    ex.id, zh.title
                );
                println!("{}", zh.more.trim());
            }
        }
        return Ok(());
    }
    match level {
        hints::Level::Nudge => {
            println!(
                "Hint for exercise {} ({}), in {file}:
",
                ex.id, ex.title
            );
            println!("{}", ex.hint.trim());
            println!(
                "
Still stuck? {more} gives the fuller hint, with code: close to the answer."
            );
        }
        hints::Level::More => {
            println!(
                "Fuller hint for exercise {} ({}), in {file}:
",
                ex.id, ex.title
            );
            println!("{}", ex.more.trim());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Help, asks_for_help, help_for};

    /// `-h` and `--help` after any command, or `help COMMAND`, ask for
    /// that command's usage, never for its work: `reset --help` must not
    /// look for an exercise named "--help".
    #[test]
    fn every_command_has_its_help() {
        for (args, command) in [
            (&["--help"][..], "--help"),
            (&["-h"], "-h"),
            (&["help"], "help"),
            (&["reset", "--help"], "reset"),
            (&["reset", "01-2", "-h"], "reset"),
            (&["hint", "-h"], "hint"),
            (&["watch", "--help"], "watch"),
            (&["6", "--help"], "6"),
            (&["02-3", "-h"], "02-3"),
            (&["help", "hint"], "hint"),
            (&["verify", "--help"], "verify"),
        ] {
            assert_eq!(
                asks_for_help(args),
                Some(command),
                "{args:?} should ask for the help of {command:?}"
            );
        }
        for work in [
            &[][..],
            &["hint", "01-2"],
            &["hint", "01-2", "--more"],
            &["reset", "1-2"],
            &["06"],
        ] {
            assert_eq!(
                asks_for_help(work),
                None,
                "{work:?} asks for work, not help"
            );
        }
        for (command, starts) in [
            ("--help", "usage: cargo course [COMMAND]"),
            ("watch", "usage: cargo course watch"),
            ("hint", "usage: cargo course hint ID"),
            ("reset", "usage: cargo course reset ID"),
            ("book", "usage: cargo course book"),
            ("6", "usage: cargo course [NN | NN-K]"),
            ("lesson06-6", "usage: cargo course [NN | NN-K]"),
        ] {
            match help_for(command) {
                Some(Help::Own(usage)) => assert!(
                    usage.starts_with(starts),
                    "the help of {command:?} should start {starts:?}, not:\n{usage}"
                ),
                _ => panic!("{command:?} should have the tool's own help"),
            }
        }
        for command in super::DEVKIT.iter().filter(|c| **c != "book") {
            assert!(
                matches!(help_for(command), Some(Help::Devkit)),
                "{command:?} is devkit's: its help is devkit's usage"
            );
        }
        assert!(
            help_for("frobnicate").is_none(),
            "an unknown command has no help"
        );
    }
}
