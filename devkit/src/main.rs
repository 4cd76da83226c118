//! The maintainers' commands, run by `cargo course COMMAND` (see the course
//! tool's usage) or directly as `cargo run -p devkit -- COMMAND`.

use std::path::Path;
use std::process::ExitCode;

use course::workspace;
use devkit::{book, bookcheck, measure, new_lesson, stubs, verify};

const USAGE: &str = "\
usage: cargo course COMMAND   (or: cargo run -p devkit -- COMMAND)

  book          build the book, in English and in Chinese, and print where it is
  verify [NN]   every exercise test fails on the shipped (unsolved) lesson
                and passes on its solution (every lesson, or lesson NN)
  stubs [--check]
                write every lesson's exercise files from their solutions
                (--check: only say which differ; CI runs it on a clean clone)
  po            write book/po/messages.pot afresh from the English sources
                (then: msgmerge --update book/po/zh-CN.po book/po/messages.pot,
                and translate what is new)
  check-book    the built book: no unresolved {{#include}}, no broken link
                between pages, in either edition, and every English page has
                its Chinese twin, with every id the English page has
  check-book-browser CHROMIUM
                every page in headless Chromium shows highlighted code, no raw
                directive, a language switch to its twin, and search finds
                each chapter; no Chinese page has a paragraph left in English;
                search finds Chinese words, the switch keeps the section the
                reader jumped to, and Chinese renders in a font, not boxes
  wrong [NN]    every wrong answer in solutions/lessonNN/wrong.toml is
                rejected by its exercise's tests, and only by them (every
                lesson, or lesson NN; cargo test runs it for every lesson)
  measure-build [--ci] [--out FILE]
                every row of issue 26's table on a fresh clone with an empty
                target folder: first runs, the first cargo course, edit then
                grade, cargo test and its wrong-answer check, the target's
                size, the note's hello; --ci adds bash .ci/run from an empty
                target (about 20 min more); --out writes the report to FILE
                too (the Measured page shows book/src/measured/build.txt)
  new-lesson NN \"TITLE\"
                write lesson NN's files, in both editions, with one exercise
                that grades (CONTRIBUTING.md lists them); then run cargo
                course po, and translate what is marked 待译";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = match workspace::find() {
        Ok(root) => root,
        Err(e) => return course::ui::finish(Err(e)),
    };
    let result = match args.as_slice() {
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
        ["stubs", rest @ ..] if rest.is_empty() || rest == ["--check"] => {
            let check = !rest.is_empty();
            stubs::run(&root, check).map(|lines| {
                for line in &lines {
                    println!("{line}");
                }
                if lines.is_empty() {
                    println!("every exercise file is as made from its solution");
                }
                !check || lines.is_empty()
            })
        }
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
        ["wrong", only @ ..] if only.len() <= 1 => wrong_answers(&root, only.first().copied()),
        ["measure-build", rest @ ..] => match measure_options(rest) {
            Some((ci, out)) => measure::run(&root, ci, out.as_deref()).map(|()| true),
            None => Err(format!("measure-build takes [--ci] [--out FILE]\n{USAGE}")),
        },
        ["new-lesson", number, title] => new_lesson::create(&root, number, title).map(|written| {
            for path in &written {
                println!("wrote {path}");
            }
            println!("next: cargo course po, then translate what zh-CN.po marks 待译");
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

/// `wrong [NN]`: checks the wrong answers of every lesson, or of one.
fn wrong_answers(root: &Path, only: Option<&str>) -> Result<bool, String> {
    let lessons = workspace::lessons(root)?;
    let chosen: Vec<&workspace::LessonOnDisk> = match only {
        Some(arg) => vec![workspace::find_lesson(&lessons, arg)?],
        None => lessons.iter().collect(),
    };
    let mut all_ok = true;
    for found in chosen {
        let (ok, problems) = devkit::wrong::check(root, found);
        for line in &ok {
            println!("ok: {line}");
        }
        for problem in &problems {
            println!("PROBLEM: {problem}");
        }
        all_ok &= problems.is_empty();
    }
    Ok(all_ok)
}

/// `measure-build`'s options: `--ci` and `--out FILE`, in any order, once each.
fn measure_options(rest: &[&str]) -> Option<(bool, Option<std::path::PathBuf>)> {
    let (mut ci, mut out) = (false, None);
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        match *arg {
            "--ci" if !ci => ci = true,
            "--out" if out.is_none() => out = Some(std::path::PathBuf::from(rest.next()?)),
            _ => return None,
        }
    }
    Some((ci, out))
}
