//! The book shows the seed's Python beside the Rust; this runs it, so that
//! what the book says it prints is what it prints. Every
//! `lessons/*/python/NAME.py` that has a `NAME.expected` beside it is run
//! with `python3` and must print exactly that.

use std::process::Command;

use course::workspace;

/// Each Python program with an `.expected` file prints exactly what it says.
#[test]
fn python_programs_print_what_the_book_says() {
    let root = workspace::root();
    let mut checked = Vec::new();
    let mut problems = Vec::new();
    let mut lessons: Vec<_> = std::fs::read_dir(root.join("lessons"))
        .unwrap()
        .flatten()
        .collect();
    lessons.sort_by_key(|e| e.path());
    for lesson in lessons {
        let dir = lesson.path().join("python");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let expected = entry.path();
            if expected.extension().is_none_or(|e| e != "expected") {
                continue;
            }
            let script = expected.with_extension("py");
            let want = std::fs::read_to_string(&expected).unwrap();
            let out = Command::new("python3")
                .arg(&script)
                .current_dir(&dir)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .output()
                .unwrap_or_else(|e| {
                    panic!("cannot run python3 (Python 3 is needed for this check): {e}")
                });
            let got = String::from_utf8_lossy(&out.stdout);
            let name = script.strip_prefix(&root).unwrap().display().to_string();
            if !out.status.success() {
                problems.push(format!(
                    "{name} failed:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            } else if got != want {
                problems.push(format!(
                    "{name} printed:\n{got}\nbut {} says:\n{want}",
                    expected.display()
                ));
            }
            checked.push(name);
        }
    }
    println!("checked: {checked:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(
        !checked.is_empty(),
        "found no Python program with an .expected file"
    );
}
