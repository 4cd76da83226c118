//! Every wrong answer listed in a lesson's `solutions/lessonNN/wrong.toml`
//! is rejected by the grader, and by the right exercise's tests (see
//! `devkit::wrong`). Most are graded together, each a module of one crate a
//! lesson (a bundle); the rest each as a copy of the solution crate with its
//! one mistake, in a lesson's scratch workspace of reused slots.

use course::workspace;
use devkit::wrong;

/// Both tests grade in the same scratch workspaces: one at a time.
static SCRATCH: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The graders reject every listed wrong answer; every lesson lists some.
#[test]
fn graders_reject_every_listed_wrong_answer() {
    let _one_at_a_time = SCRATCH.lock().unwrap_or_else(|e| e.into_inner());
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

/// The check has teeth, in a bundle and in a slot: an edit that changes
/// nothing the tests see (a comment added) is reported as passed by the
/// grader, and the exercise as shipped (its `todo!()`) as not a whole answer.
#[test]
fn the_check_reports_an_answer_the_grader_passes() {
    let _one_at_a_time = SCRATCH.lock().unwrap_or_else(|e| e.into_inner());
    let root = workspace::root();
    let lessons = workspace::lessons(&root).expect("cannot list the lessons");
    let found = lessons
        .iter()
        .find(|l| l.lesson.number == "01")
        .expect("lesson 01");
    let ex = &found.lesson.exercises[0];
    let solved = std::fs::read_to_string(found.solution_dir.join(&ex.file)).expect("solution");
    let shipped = std::fs::read_to_string(found.dir.join(&ex.file)).expect("exercise");
    let first = solved.lines().next().expect("a first line").to_string();
    let answers = [
        wrong::Wrong {
            exercise: ex.id.clone(),
            mistake: "a comment added".into(),
            with: format!("{first}\n// a harmless comment"),
            replace: first,
        },
        wrong::Wrong {
            exercise: ex.id.clone(),
            mistake: "the exercise as shipped".into(),
            replace: solved.clone(),
            with: shipped,
        },
    ];
    for bundle in [true, false] {
        let (ok, problems) = wrong::check_answers(&root, found, &answers, bundle);
        assert!(
            ok.is_empty(),
            "bundle {bundle}: accepted as rejected: {ok:?}"
        );
        assert_eq!(problems.len(), 2, "bundle {bundle}: {problems:?}");
        assert!(
            problems[0].ends_with("the grader passed it"),
            "bundle {bundle}: {}",
            problems[0]
        );
        assert!(
            problems[1].contains("todo!()"),
            "bundle {bundle}: {}",
            problems[1]
        );
    }
}
