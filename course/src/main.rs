//! `cargo course [COMMAND]`: see [`USAGE`].

use std::path::Path;
use std::process::{Command, ExitCode};

use course::ui::Ui;
use course::{hints, progress, reset, watch, workspace};

const USAGE: &str = "\
usage: cargo course [COMMAND]

  (none)        grade every lesson's exercises and say what to do next
  NN            grade lesson NN only, e.g. cargo course 02 (or 2, lesson02)
  NN-K          grade lesson NN and show exercise NN-K's whole message,
                e.g. cargo course 02-3
  watch         grade again each time you save; type q and Enter to stop
  hint ID       a hint for one exercise, e.g. cargo course hint 01-2
                (in Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh)
  reset ID      put exercise ID back as shipped (your version is kept as a backup)
  book          build the book, in English and in Chinese, and print where it is

Maintainers' commands (built only when first asked for; see
cargo run -p devkit -- help): verify [NN], stubs [--check], po,
check-book, check-book-browser CHROMIUM, measure-build";

/// The commands of the maintainers' program, `devkit`, which a learner's
/// first `cargo course` does not build (mdBook alone is a hundred crates).
const DEVKIT: [&str; 7] = [
    "book",
    "verify",
    "stubs",
    "po",
    "check-book",
    "check-book-browser",
    "measure-build",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = match workspace::find() {
        Ok(root) => root,
        Err(e) => return course::ui::finish(Err(e)),
    };
    let ui = Ui::detect();
    let result = match args.as_slice() {
        [command, ..] if DEVKIT.contains(command) => return devkit(&root, &args),
        [] => progress::show(&root, &ui, None, None).inspect(|_| show_book(&root, &ui)),
        [which] if which_lesson(which).is_some() => {
            let (nn, id) = which_lesson(which).expect("checked");
            progress::show(&root, &ui, Some(&nn), id.as_deref())
        }
        ["watch"] => watch::run(&root),
        ["hint", id] => hint(&root, id).map(|()| true),
        ["reset", id] => reset::reset(&root, id).map(|said| {
            println!("{said}");
            true
        }),
        [command @ ("hint" | "reset")] => Err(format!(
            "{command} needs an exercise id: cargo course {command} 01-2 (the ids are in the table of cargo course)"
        )),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    };
    course::ui::finish(result)
}

/// A lesson, and maybe one of its exercises, as a learner may write it:
/// `02`, `2`, `lesson02`, or an exercise id `02-3`. Returns the lesson's two
/// digits and the exercise id.
fn which_lesson(arg: &str) -> Option<(String, Option<String>)> {
    let arg = arg.strip_prefix("lesson").unwrap_or(arg);
    let (lesson, exercise) = match arg.split_once('-') {
        Some((l, k)) if !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()) => (l, Some(k)),
        Some(_) => return None,
        None => (arg, None),
    };
    if lesson.is_empty() || lesson.len() > 2 || !lesson.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let nn = format!("{lesson:0>2}");
    let id = exercise.map(|k| format!("{nn}-{k}"));
    Some((nn, id))
}

/// Runs the maintainers' program with `args`, through cargo, and passes its
/// exit code on.
fn devkit(root: &Path, args: &[&str]) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    if args.first() == Some(&"book") {
        eprintln!("building the book (the first time, cargo compiles mdBook: a minute or two)…");
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

fn hint(root: &Path, id: &str) -> Result<(), String> {
    let lessons = workspace::lessons(root)?;
    let found = lessons
        .iter()
        .find_map(|l| l.lesson.exercise(id).map(|ex| (l, ex)));
    let Some((lesson, ex)) = found else {
        let ids: Vec<&str> = lessons
            .iter()
            .flat_map(|l| l.lesson.exercises.iter().map(|e| e.id.as_str()))
            .collect();
        return Err(format!(
            "no exercise {id:?}; the exercises are {}",
            ids.join(", ")
        ));
    };
    // In Chinese when the locale is (LANG=zh_CN.UTF-8 and the like).
    if hints::chinese_locale()
        && let Some(zh) = hints::load(&lesson.dir)?.get(id)
    {
        println!(
            "练习 {}（{}）的提示，文件 {}/{}：\n",
            ex.id, zh.title, lesson.lesson.folder, ex.file
        );
        println!("{}", zh.hint.trim());
        return Ok(());
    }
    println!(
        "Hint for exercise {} ({}), in {}/{}:\n",
        ex.id, ex.title, lesson.lesson.folder, ex.file
    );
    println!("{}", ex.hint.trim());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::which_lesson;

    /// The ways a learner names a lesson or an exercise; others are refused.
    #[test]
    fn lessons_and_exercises_as_a_learner_writes_them() {
        let lesson = |nn: &str| Some((nn.to_string(), None));
        assert_eq!(which_lesson("02"), lesson("02"));
        assert_eq!(which_lesson("2"), lesson("02"));
        assert_eq!(which_lesson("lesson02"), lesson("02"));
        assert_eq!(
            which_lesson("02-3"),
            Some(("02".into(), Some("02-3".into())))
        );
        assert_eq!(
            which_lesson("2-3"),
            Some(("02".into(), Some("02-3".into())))
        );
        for refused in ["", "x", "123", "02-", "02-x", "lesson", "-3"] {
            assert_eq!(which_lesson(refused), None, "{refused:?}");
        }
    }
}
