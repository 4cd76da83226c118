//! The project's own proof that the exercises are honest: run as part of a
//! plain `cargo test`, it builds every unsolved lesson and every solution
//! and checks each exercise test both ways (see `devkit::verify`).

use course::workspace;
use devkit::verify;

/// Every exercise test fails on the unsolved lesson, naming its exercise,
/// and passes on the solution.
#[test]
fn every_exercise_fails_unsolved_and_passes_solved() {
    let report = verify::verify(&workspace::root(), None);
    for line in &report.passed {
        println!("ok: {line}");
    }
    assert!(report.ok(), "problems:\n{}", report.problems.join("\n"));
}
