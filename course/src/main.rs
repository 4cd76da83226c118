//! `cargo course [COMMAND]`: see [`USAGE`].

use std::path::Path;
use std::process::ExitCode;

use course::ui::Ui;
use course::{book, bookcheck, hints, progress, reset, verify, watch, workspace};

const USAGE: &str = "\
usage: cargo course [COMMAND]

  (none)        build the book if needed, grade every lesson's exercises,
                and say what to do next
  NN            grade lesson NN only, e.g. cargo course 02
  watch         grade again each time you save; type q and Enter to stop
  hint ID       a hint for one exercise, e.g. cargo course hint 01-2
                (in Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh)
  reset ID      put exercise ID back as shipped (your version is kept as a backup)
  book          build the book, in English and in Chinese, and print where it is
  verify [NN]   maintainers' check: every exercise test fails on the unsolved
                lesson and passes on its solution (every lesson, or lesson NN)
  po            maintainers' step: write book/po/messages.pot afresh from the
                English sources (then: msgmerge --update book/po/zh-CN.po
                book/po/messages.pot, and translate what is new)
  check-book    maintainers' check of the built book: no unresolved
                {{#include}}, no broken link between pages, in either
                edition, and every English page has its Chinese twin
  check-book-browser CHROMIUM
                maintainers' check: every page in headless Chromium shows
                highlighted code, no raw directive, a language switch to its
                twin, and search finds each chapter; no Chinese page has a
                paragraph left in English";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace::root();
    let ui = Ui::detect();
    let result = match args.as_slice() {
        [] => {
            show_book(&root);
            progress::show(&root, &ui, None)
        }
        [nn] if nn.len() == 2 && nn.chars().all(|c| c.is_ascii_digit()) => {
            progress::show(&root, &ui, Some(nn))
        }
        ["watch"] => watch::run(&root, &ui),
        ["hint", id] => hint(&root, id).map(|()| true),
        ["reset", id] => reset::reset(&root, id).map(|said| {
            println!("{said}");
            true
        }),
        ["book"] => book::build(&root).map(|index| {
            println!("The book is at {}", index.display());
            println!("Open it in your browser: file://{}", index.display());
            println!("中文版：file://{}", book::index_zh(&root).display());
            true
        }),
        ["po"] => book::update_pot(&root).map(|written| {
            if written {
                println!("wrote {}", book::POT);
            } else {
                println!("{} is up to date", book::POT);
            }
            true
        }),
        ["verify", only @ ..] if only.len() <= 1 => {
            let report = verify::verify(&root, only.first().copied());
            for line in &report.passed {
                println!("ok: {line}");
            }
            for problem in &report.problems {
                println!("PROBLEM: {problem}");
            }
            Ok(report.ok())
        }
        ["check-book"] => bookcheck::check_includes(&root.join("book/src"))
            .and_then(|mut problems| {
                problems.extend(bookcheck::check(&root.join("book/build"))?);
                problems.extend(bookcheck::check_editions(&root.join("book/build"))?);
                Ok(problems)
            })
            .map(|problems| {
                for p in &problems {
                    println!("book: {p}");
                }
                problems.is_empty()
            }),
        ["check-book-browser", chromium] => {
            bookcheck::check_in_browser(&root.join("book/build"), Path::new(chromium)).map(
                |problems| {
                    for p in &problems {
                        println!("book in chromium: {p}");
                    }
                    problems.is_empty()
                },
            )
        }
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            Ok(true)
        }
        _ => Err(format!("unexpected arguments {args:?}\n\n{USAGE}")),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("course: {e}");
            ExitCode::from(2)
        }
    }
}

/// Builds the book if it is missing or out of date, and says where it is.
/// A book that will not build is reported, and grading goes on.
fn show_book(root: &Path) {
    if !root.join("book/book.toml").is_file() {
        return;
    }
    if book::is_stale(root) {
        eprintln!("building the book…");
        if let Err(e) = book::build(root) {
            eprintln!("course: {e}");
            return;
        }
    }
    if hints::chinese_locale() {
        println!("本书中文版：file://{}\n", book::index_zh(root).display());
    } else {
        println!("The book: file://{}\n", book::index(root).display());
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
