//! A learner's edits to the exercise files break none of the project's own
//! checks: the book never includes those files, and `verify` grades the
//! exercises as shipped, whatever the learner has written.

use std::path::Path;
use std::process::Command;

use course::workspace;

/// No page of the book includes a file the learner edits: exercise pages
/// use `{{#exercise SOLUTION}}`, which shows the shipped text made from the
/// solution. Otherwise the built book would show the learner's code, and
/// `messages.pot` (so `cargo test`) would change with every edit.
#[test]
fn the_book_includes_no_file_a_learner_edits() {
    let root = workspace::root();
    let mut editable = Vec::new();
    for found in workspace::lessons(&root).expect("cannot list the lessons") {
        for ex in &found.lesson.exercises {
            editable.push(format!("{}/{}", found.lesson.folder, ex.file));
        }
    }
    let mut found_any = false;
    for page in pages(&root.join("book/src")) {
        let text = std::fs::read_to_string(&page).unwrap();
        for line in text.lines().filter(|l| l.contains("{{#")) {
            found_any |= line.contains("{{#exercise ");
            if let Some(file) = editable.iter().find(|f| line.contains(f.as_str())) {
                panic!(
                    "{} includes {file}, which the learner edits: use {{{{#exercise}}}} of its solution instead:\n{line}",
                    page.display()
                );
            }
        }
    }
    assert!(found_any, "no exercise page uses {{{{#exercise}}}}");
}

/// The example: 01-5 solved in the learner's own way (a different
/// `expect` message). `cargo course verify 01` still passes: it grades the
/// exercise as shipped, in a scratch copy.
#[test]
fn a_solved_exercise_leaves_verify_green() {
    let root = workspace::root();
    let dir = course::fixture::create(&root, "solved-verify", &["lesson01"])
        .expect("could not make the fixture");
    let file = dir.join("lessons/lesson01/src/ex5_off_thread.rs");
    let solved = std::fs::read_to_string(root.join("solutions/lesson01/src/ex5_off_thread.rs"))
        .unwrap()
        .replace("the blocking job panicked", "job panicked");
    std::fs::write(&file, solved).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_devkit"))
        .args(["verify", "01"])
        .env("COURSE_ROOT", &dir)
        .env("CARGO_TARGET_DIR", course::fixture::target_dir(&root))
        .env("COURSE_TEST_TIMEOUT", "10")
        .output()
        .expect("could not run devkit");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "verify failed on a workspace with one exercise solved:\n{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("ok: lesson 01"), "{said}");
}

fn pages(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(pages(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}
