//! Every wrong answer listed in a lesson's `solutions/lessonNN/wrong.toml`
//! is rejected by the grader, and by the right exercise's tests (see
//! `devkit::wrong`). Each is graded as a copy of the solution crate with its
//! one mistake, in a lesson's scratch workspace of reused slots.

use course::workspace;
use devkit::wrong;

/// The graders reject every listed wrong answer; every lesson lists some.
#[test]
fn graders_reject_every_listed_wrong_answer() {
    let root = workspace::root();
    let started = std::time::Instant::now();
    let mut checked = 0;
    let mut problems = Vec::new();
    for found in workspace::lessons(&root).expect("cannot list the lessons") {
        let listed = wrong::listed(&found).unwrap_or_default();
        for ex in &found.lesson.exercises {
            if !listed.iter().any(|w| w.exercise == ex.id) {
                problems.push(format!(
                    "exercise {}: no wrong answer in {}/wrong.toml",
                    ex.id,
                    found.solution_dir.display()
                ));
            }
        }
        let (ok, bad) = wrong::check(&root, &found);
        checked += ok.len() + bad.len();
        for line in ok {
            println!("ok: {line}");
        }
        problems.extend(bad);
    }
    // `cargo course measure-build` asks for the figure this way: the test's
    // own time, not the whole `cargo test`'s.
    if let Some(file) = std::env::var_os("COURSE_MEASURE_WRONG") {
        let line = format!("{checked} {}\n", started.elapsed().as_secs_f64());
        let _ = std::fs::write(file, line);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
