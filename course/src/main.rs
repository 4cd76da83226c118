//! `cargo course [COMMAND]`: see [`USAGE`].

use std::process::ExitCode;

use course::{progress, verify, workspace};

const USAGE: &str = "\
usage: cargo course [COMMAND]

  (none)        grade every lesson's exercises and say what to do next
  hint ID       a hint for one exercise, e.g. cargo course hint 01-2
  verify [NN]   maintainers' check: every exercise test fails on the unsolved
                lesson and passes on its solution (every lesson, or lesson NN)
  check-book    after `mdbook build book`: no unresolved {{#include}}, no
                broken link between pages";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace::root();
    let result = match args.as_slice() {
        [] => progress::show(&root),
        ["hint", id] => hint(&root, id).map(|()| true),
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
        ["check-book"] => course::bookcheck::check_includes(&root.join("book/src"))
            .and_then(|mut problems| {
                problems.extend(course::bookcheck::check(&root.join("book/build"))?);
                Ok(problems)
            })
            .map(|problems| {
                for p in &problems {
                    println!("book: {p}");
                }
                problems.is_empty()
            }),
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

fn hint(root: &std::path::Path, id: &str) -> Result<(), String> {
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
    println!(
        "Hint for exercise {} ({}), in {}/{}:\n",
        ex.id, ex.title, lesson.lesson.folder, ex.file
    );
    println!("{}", ex.hint.trim());
    Ok(())
}
