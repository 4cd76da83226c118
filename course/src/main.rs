//! `cargo course [COMMAND]`: see [`USAGE`].

use std::path::Path;
use std::process::{Command, ExitCode};

use course::ui::Ui;
use course::{hints, progress, reset, watch, workspace};

const USAGE: &str = "\
usage: cargo course [COMMAND]

  (none)        grade every lesson's exercises and say what to do next
  NN            grade lesson NN only, e.g. cargo course 02
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
        Err(e) => {
            eprintln!("course: {e}");
            return ExitCode::from(2);
        }
    };
    let ui = Ui::detect();
    let result = match args.as_slice() {
        [command, ..] if DEVKIT.contains(command) => return devkit(&root, &args),
        [] => {
            show_book(&root);
            progress::show(&root, &ui, None)
        }
        [nn] if nn.len() == 2 && nn.chars().all(|c| c.is_ascii_digit()) => {
            progress::show(&root, &ui, Some(nn))
        }
        ["watch"] => watch::run(&root),
        ["hint", id] => hint(&root, id).map(|()| true),
        ["reset", id] => reset::reset(&root, id).map(|said| {
            println!("{said}");
            true
        }),
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    };
    course::ui::finish(result)
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

/// Says where the book is, or how to build it. Grading never builds it:
/// that is `cargo course book`, which compiles mdBook the first time.
fn show_book(root: &Path) {
    let (english, chinese) = (
        root.join("book/build/index.html"),
        root.join("book/build/zh-CN/index.html"),
    );
    let chinese_locale = hints::chinese_locale();
    match (english.is_file(), chinese_locale) {
        (true, true) => println!("本书中文版：file://{}\n", chinese.display()),
        (true, false) => println!("The book: file://{}\n", english.display()),
        (false, true) => println!("本书尚未构建：运行 cargo course book\n"),
        (false, false) => println!("The book is not built yet: cargo course book builds it.\n"),
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
