//! The course tool against a throwaway copy of the workspace: lessons 01
//! and 02 with their exercises in every state a learner can leave them in
//! (solved, unsolved, wrong, panicking, looping forever, one of them not
//! compiling). The table, the next step and the exit code must be right for
//! each, and no command but `reset` may change a learner's file by a single
//! byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use course::workspace;

/// A copy of the workspace with only lesson 01 and testkit, as shipped.
fn fixture(name: &str) -> PathBuf {
    course::fixture::create(&workspace::root(), name, &["lesson01"])
        .expect("could not make the fixture")
}

/// Writes exercise `file` of the fixture's lesson 01.
fn write_exercise(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join("lessons/lesson01/src").join(file), text).unwrap();
}

fn solution(file: &str) -> String {
    solution_of("lesson01", file)
}

fn solution_of(lesson: &str, file: &str) -> String {
    std::fs::read_to_string(
        workspace::root()
            .join("solutions")
            .join(lesson)
            .join("src")
            .join(file),
    )
    .unwrap()
}

/// Every file of the fixture's lesson, by path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&dir.join("lessons"), &mut out);
    out
}

/// Runs the course tool on the fixture; returns (exit code, stdout).
fn course(dir: &Path, args: &[&str]) -> (i32, String) {
    course_at(dir, args, 200)
}

/// Runs the course tool on the fixture, `columns` wide, in English.
fn course_at(dir: &Path, args: &[&str], columns: usize) -> (i32, String) {
    course_in(dir, args, columns, "en")
}

/// Runs the course tool on the fixture, `columns` wide, in `lang` (`en`, `zh`).
fn course_in(dir: &Path, args: &[&str], columns: usize, lang: &str) -> (i32, String) {
    let (code, stdout, _) = run(dir, args, Some(columns), lang);
    (code, stdout)
}

/// Runs the course tool on `dir`, `columns` wide (or, with `None`, as wide
/// as a pipe is: no `COLUMNS`, and standard output is no terminal);
/// returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str], columns: Option<usize>, lang: &str) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_course"));
    command
        .args(args)
        .env("COURSE_ROOT", dir)
        .env("COURSE_LANG", lang)
        // One build folder for every fixture (see course::fixture).
        .env(
            "CARGO_TARGET_DIR",
            course::fixture::target_dir(&workspace::root()),
        )
        .env("COURSE_TEST_TIMEOUT", "2")
        .env("NO_COLOR", "1");
    match columns {
        Some(columns) => command.env("COLUMNS", columns.to_string()),
        None => command.env_remove("COLUMNS"),
    };
    let out = command.output().expect("could not run the course tool");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Exercise `id`'s title, from the workspace's `exercises.toml`.
fn title_of(id: &str) -> String {
    let lessons = workspace::lessons(&workspace::root()).expect("the workspace's lessons");
    let (_, ex) = workspace::find_exercise(&lessons, id).expect("an exercise of the workspace");
    ex.title.clone()
}

/// The state column of exercise `id`'s row in the table. The row must show
/// the exercise's whole title: no terminal these tests use is too narrow
/// for it.
fn state_of(table: &str, id: &str) -> String {
    let row = table
        .lines()
        .find(|l| l.trim_start().starts_with(id))
        .unwrap_or_else(|| panic!("no row for {id} in:\n{table}"));
    let title = title_of(id);
    let after = row
        .strip_prefix(&format!("  {id:<5} {title} "))
        .unwrap_or_else(|| {
            panic!("the row of {id} should show its whole title {title:?}, not cut; got {row:?} in:\n{table}")
        });
    let after = after.trim_start();
    let label = [
        "passed",
        "not done yet",
        "panicked",
        "failed",
        "timed out",
        "does not compile",
    ]
    .into_iter()
    .find(|label| after.starts_with(label))
    .unwrap_or_else(|| panic!("no state after the title of {id} in {row:?}"));
    label.to_string()
}

/// The scenarios run one after another: they share one build folder.
#[test]
fn the_tool_grades_every_state_and_keeps_the_learners_files() {
    table_shows_every_state_and_changes_no_file();
    the_most_telling_failure_is_shown_and_an_exercise_can_be_asked_for();
    code_that_does_not_compile_is_reported_with_its_error();
    one_exercise_that_does_not_compile_leaves_the_others_graded();
    all_solved_passes();
    reset_restores_the_exercise_and_keeps_a_backup();
    reset_leaves_a_crlf_checkout_alone();
    the_course_is_found_where_the_tool_runs();
}

/// Each exercise state a learner can reach shows as such, the exit code
/// says "not all done", and grading writes to no learner file.
fn table_shows_every_state_and_changes_no_file() {
    let dir = fixture("states");
    write_exercise(&dir, "ex1_countdown.rs", &solution("ex1_countdown.rs"));
    // ex2 stays unsolved.
    let panicking = solution("ex3_signal.rs").replace(
        "    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {\n",
        "    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {\n        None::<u8>.expect(\"my own bug\");\n",
    );
    assert!(
        panicking.contains("my own bug"),
        "the panicking fixture was not made"
    );
    write_exercise(&dir, "ex3_signal.rs", &panicking);
    // Right pages, in order, but no tasks: the suite's task count catches it.
    let solved = solution("ex4_tasks.rs");
    let body = solved
        .find("pub async fn fetch_all(")
        .expect("fetch_all in the solution");
    let wrong = format!(
        "{}pub async fn fetch_all(ids: Vec<u32>) -> Vec<String> {{\n    ids.iter().map(|id| format!(\"page {{id}}\")).collect()\n}}\n",
        &solved[..body]
    );
    write_exercise(&dir, "ex4_tasks.rs", &wrong);
    let looping = solution("ex5_off_thread.rs").replace(
        "    tokio::task::spawn_blocking(job)",
        "    loop {\n        std::thread::sleep(std::time::Duration::from_millis(50));\n    }\n    #[allow(unreachable_code)]\n    tokio::task::spawn_blocking(job)",
    );
    write_exercise(&dir, "ex5_off_thread.rs", &looping);

    let before = snapshot(&dir);
    let (code, table) = course(&dir, &[]);
    assert_eq!(code, 1, "exit code with exercises left to do:\n{table}");
    assert_eq!(state_of(&table, "01-1"), "passed", "{table}");
    assert_eq!(state_of(&table, "01-2"), "not done yet", "{table}");
    assert_eq!(state_of(&table, "01-3"), "panicked", "{table}");
    assert_eq!(state_of(&table, "01-4"), "failed", "{table}");
    assert_eq!(state_of(&table, "01-5"), "timed out", "{table}");
    assert!(
        table.contains("my own bug"),
        "the panic's message is shown:\n{table}"
    );
    // Next is the first exercise that fails (01-3), before those not
    // started, with everything its test said under the table.
    assert!(table.contains("Next: exercise 01-3"), "{table}");
    assert!(
        table.contains("lessons/lesson01/src/ex3_signal.rs:"),
        "{table}"
    );
    assert!(
        table.contains("hint: cargo course hint 01-3"),
        "the whole message, hint line included, is under the table:\n{table}"
    );

    // At 80 columns, the whole message still shows, wrapped: nothing is
    // cut to a few characters.
    let (_, narrow) = course_at(&dir, &[], 80);
    for id in ["01-1", "01-2", "01-3", "01-4", "01-5"] {
        state_of(&narrow, id);
    }
    let under = &narrow[narrow.find("Next:").expect("a next step")..];
    assert!(under.contains("my own bug"), "{narrow}");
    assert!(under.contains("hint: cargo course hint 01-3"), "{narrow}");
    for line in under.lines() {
        assert!(
            line.chars().count() <= 80 || !line.contains(' '),
            "a line wider than the terminal: {line:?}\n{narrow}"
        );
    }

    // In Chinese: the tool's words, the Chinese titles and the verdict
    // lines, with the columns aligned by display width (a Chinese character
    // is two columns wide).
    let (_, zh) = course_in(&dir, &[], 100, "zh");
    assert!(zh.contains("第 01 课 · 协程"), "{zh}");
    assert!(zh.contains("已完成 1 / 5 个练习。"), "{zh}");
    assert!(zh.contains("下一步：练习 01-3（"), "{zh}");
    assert!(zh.contains("提示：cargo course hint 01-3"), "{zh}");
    let columns: Vec<usize> = zh
        .lines()
        .filter(|l| l.starts_with("  01-"))
        .map(|row| {
            let label = ["通过", "尚未完成", "panic", "不对", "超时"]
                .iter()
                .filter_map(|l| row.find(l))
                .min()
                .unwrap_or_else(|| panic!("no label in {row:?}"));
            textwrap::core::display_width(&row[..label])
        })
        .collect();
    assert_eq!(columns.len(), 5, "{zh}");
    assert!(
        columns.iter().all(|c| *c == columns[0]),
        "the label column is not aligned: {columns:?}\n{zh}"
    );

    let (code, hint) = course(&dir, &["hint", "01-2"]);
    assert_eq!(code, 0, "{hint}");
    assert!(
        !hint.contains("Waker::noop()") && hint.contains("cargo course hint 01-2 --more"),
        "the nudge points at the tools and says how to get more:\n{hint}"
    );
    for more in [&["hint", "01-2", "--more"][..], &["hint", "--more", "1-2"]] {
        let (code, fuller) = course(&dir, more);
        assert_eq!(code, 0, "{fuller}");
        assert!(fuller.contains("Waker::noop()"), "{more:?}:\n{fuller}");
    }
    let (code, _) = course(&dir, &["hint", "99-9"]);
    assert_eq!(code, 2, "an unknown exercise id is an error");
    assert_eq!(
        snapshot(&dir),
        before,
        "a command other than reset changed a learner's file"
    );
}

/// 01-1 without its wake fails two ways: some tests time out (nothing
/// polls it again), one counts the wakes. The table shows the count, which
/// names the mistake, not the time-out. `cargo course 01-1` shows that
/// exercise's whole message even when another comes first; ids may be
/// written as a learner writes them, and `hint` without an id says how.
fn the_most_telling_failure_is_shown_and_an_exercise_can_be_asked_for() {
    let dir = fixture("telling");
    let no_wake = solution("ex1_countdown.rs").replace("        cx.waker().wake_by_ref();\n", "");
    assert!(
        !no_wake.contains("wake_by_ref();"),
        "the fixture was not made"
    );
    write_exercise(&dir, "ex1_countdown.rs", &no_wake);
    write_exercise(
        &dir,
        "ex2_poll_by_hand.rs",
        "fn broken() -> u32 { \"x\" }\n",
    );
    let (code, table) = course(&dir, &["1-1"]);
    assert_eq!(code, 1, "{table}");
    assert_eq!(state_of(&table, "01-1"), "failed", "{table}");
    assert!(table.contains("Next: exercise 01-1"), "{table}");
    assert!(table.contains("woke its waker 0"), "{table}");

    for args in [&["hint"][..], &["hint", "--more"]] {
        let (code, said) = course(&dir, args);
        assert_eq!(code, 2, "{args:?}: {said}");
    }
    let (code, said) = course(&dir, &["hint", "01-1", "--mroe"]);
    assert_eq!(code, 2, "a mistyped flag is an error: {said}");
}

/// Every command answers `--help` and `-h` with its usage and exit code 0,
/// doing nothing else: `reset --help` once said `no exercise "--help"`.
#[test]
fn every_command_answers_help() {
    let dir = fixture("help");
    let before = snapshot(&dir);
    for (args, usage) in [
        (&["--help"][..], "usage: cargo course [COMMAND]"),
        (&["-h"], "usage: cargo course [COMMAND]"),
        (&["help"], "usage: cargo course [COMMAND]"),
        (&["1", "--help"], "usage: cargo course [NN | NN-K]"),
        (&["01-2", "-h"], "usage: cargo course [NN | NN-K]"),
        (&["watch", "--help"], "usage: cargo course watch"),
        (&["watch", "-h"], "usage: cargo course watch"),
        (&["hint", "--help"], "usage: cargo course hint ID"),
        (&["hint", "-h"], "usage: cargo course hint ID"),
        (&["reset", "--help"], "usage: cargo course reset ID"),
        (&["reset", "-h"], "usage: cargo course reset ID"),
        (&["reset", "01-1", "--help"], "usage: cargo course reset ID"),
        (&["help", "reset"], "usage: cargo course reset ID"),
        (&["book", "--help"], "usage: cargo course book"),
    ] {
        let (code, out, err) = run(&dir, args, Some(100), "en");
        assert!(
            code == 0 && out.starts_with(usage),
            "cargo course {}: expected exit code 0 and a usage starting {usage:?}; got {code}, stdout {out:?}, stderr {err:?}",
            args.join(" ")
        );
    }
    let (code, _, err) = run(&dir, &["frobnicate", "--help"], Some(100), "en");
    assert_eq!(code, 2, "help for an unknown command is an error: {err}");
    assert_eq!(
        snapshot(&dir),
        before,
        "asking for help changed a learner's file"
    );
}

/// A maintainers' command's help is devkit's usage, and `verify` takes a
/// lesson as every command does: what the tool would run is read back from
/// a `CARGO` that only echoes its arguments, so that devkit (and mdBook) is
/// not built for this.
#[cfg(unix)]
#[test]
fn maintainers_commands_get_devkits_help_and_any_lesson_number() {
    for (args, delegated) in [
        (&["verify", "--help"][..], "run --quiet -p devkit -- help"),
        (&["stubs", "--check", "-h"], "run --quiet -p devkit -- help"),
        (&["help", "po"], "run --quiet -p devkit -- help"),
        (&["verify", "6"], "run --quiet -p devkit -- verify 06"),
        (&["verify", "lesson6"], "run --quiet -p devkit -- verify 06"),
        (&["verify"], "run --quiet -p devkit -- verify"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_course"))
            .args(args)
            .env("COURSE_ROOT", workspace::root())
            .env("CARGO", "echo")
            .output()
            .expect("could not run the course tool");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && said.trim() == delegated,
            "cargo course {}: expected devkit to be run as {delegated:?}; got {:?}, {said:?}, {:?}",
            args.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// An id or a lesson may be written with or without its leading zero
/// wherever one is taken (`1-2` is 01-2, `1` is 01); one that names
/// nothing says so in one line, naming the nearest ids, before anything is
/// built.
#[test]
fn ids_are_taken_as_a_learner_writes_them() {
    let dir = fixture("ids");
    let (code, hint, err) = run(&dir, &["hint", "1-2"], Some(100), "en");
    assert!(
        code == 0 && hint.contains("Hint for exercise 01-2"),
        "cargo course hint 1-2 should give 01-2's hint; got {code}, {hint:?}, {err:?}"
    );
    let (code, hint, _) = run(&dir, &["hint", "lesson1-2"], Some(100), "en");
    assert!(
        code == 0 && hint.contains("Hint for exercise 01-2"),
        "{hint}"
    );

    for (args, names) in [
        (&["hint", "1-9"][..], "01-5"),
        (&["reset", "01-9"], "01-5"),
        (&["1-9"], "01-5"),
        (&["hint", "9-1"], "01-5"),
        (&["9"], "01"),
        (&["hint", "1"], "01-1"),
        (&["reset", "x"], "01-1"),
    ] {
        let (code, out, err) = run(&dir, args, Some(100), "en");
        assert!(
            code == 2 && err.lines().count() == 1 && err.contains(names),
            "cargo course {}: expected exit code 2 and one line naming {names}; got {code}, stderr {err:?}, stdout {out:?}",
            args.join(" ")
        );
        assert!(
            !err.contains("grading") && !err.contains("building"),
            "cargo course {}: a wrong id is found out before anything is graded: {err}",
            args.join(" ")
        );
    }

    let file = dir.join("lessons/lesson01/src/ex1_countdown.rs");
    let shipped = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, solution("ex1_countdown.rs")).unwrap();
    let (code, said, err) = run(&dir, &["reset", "1-1"], Some(100), "en");
    assert_eq!(code, 0, "cargo course reset 1-1: {said}{err}");
    assert!(said.contains("Exercise 01-1 is unsolved again"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        shipped,
        "cargo course reset 1-1 did not put 01-1 back as shipped: {said}"
    );
}

/// An exercise that does not compile says so, with the compiler's first
/// error and its line; the others are graded as if it were as shipped.
fn code_that_does_not_compile_is_reported_with_its_error() {
    let dir = fixture("broken");
    let broken = solution("ex2_poll_by_hand.rs")
        .replace("return (output, polls);", "return (output, \"polls\");");
    assert!(
        broken.contains("\"polls\""),
        "the broken fixture was not made"
    );
    write_exercise(&dir, "ex2_poll_by_hand.rs", &broken);
    let before = snapshot(&dir);
    let (code, table) = course(&dir, &[]);
    assert_eq!(code, 1, "{table}");
    assert_eq!(state_of(&table, "01-2"), "does not compile", "{table}");
    for id in ["01-1", "01-3", "01-4", "01-5"] {
        assert_eq!(state_of(&table, id), "not done yet", "{table}");
    }
    assert!(table.contains("The compiler's first error"), "{table}");
    assert!(table.contains("mismatched types"), "{table}");
    let line = broken
        .lines()
        .position(|l| l.contains("\"polls\""))
        .expect("the broken line")
        + 1;
    assert!(
        table.contains(&format!(
            "Next: exercise 01-2 (polling a future by hand), in lessons/lesson01/src/ex2_poll_by_hand.rs:{line}"
        )),
        "Next points at the compiler's error:\n{table}"
    );
    assert_eq!(snapshot(&dir), before);
}

/// The issue's own example: 02-1 solved, a compile error added to 02-3.
/// 02-1 still passes, 02-3 alone does not compile (with its own error and
/// line), the others are graded as usual, and the learner's files are only
/// read.
fn one_exercise_that_does_not_compile_leaves_the_others_graded() {
    let dir = course::fixture::create(&workspace::root(), "one-broken", &["lesson02"])
        .expect("could not make the fixture");
    let src = dir.join("lessons/lesson02/src");
    std::fs::write(
        src.join("ex1_wake.rs"),
        solution_of("lesson02", "ex1_wake.rs"),
    )
    .unwrap();
    let mut ex3 = std::fs::read_to_string(src.join("ex3_join_all.rs")).unwrap();
    ex3.push_str("fn broken() -> u32 { \"x\" }\n");
    let line = ex3.lines().count();
    std::fs::write(src.join("ex3_join_all.rs"), &ex3).unwrap();
    let before = snapshot(&dir);
    let (code, table) = course(&dir, &["02"]);
    assert_eq!(code, 1, "{table}");
    assert_eq!(state_of(&table, "02-1"), "passed", "{table}");
    assert_eq!(state_of(&table, "02-3"), "does not compile", "{table}");
    for id in ["02-2", "02-4", "02-5"] {
        assert_eq!(state_of(&table, id), "not done yet", "{table}");
    }
    assert!(
        table.contains(&format!(
            "Next: exercise 02-3 (join_all, which keeps the order), in lessons/lesson02/src/ex3_join_all.rs:{line}"
        )),
        "{table}"
    );
    assert!(table.contains("expected `u32`, found `&str`"), "{table}");
    assert!(
        !table.contains("ex1_wake.rs:"),
        "no other exercise is blamed:\n{table}"
    );
    assert_eq!(snapshot(&dir), before, "grading changed a learner's file");
}

/// All solved: exit code 0 and a word of praise.
fn all_solved_passes() {
    let dir = fixture("solved");
    for file in [
        "ex1_countdown.rs",
        "ex2_poll_by_hand.rs",
        "ex3_signal.rs",
        "ex4_tasks.rs",
        "ex5_off_thread.rs",
    ] {
        write_exercise(&dir, file, &solution(file));
    }
    let (code, table) = course(&dir, &[]);
    assert_eq!(code, 0, "{table}");
    assert!(table.contains("5 of 5 exercises done"), "{table}");
    // Piped, as in `cargo course | less`: the width is 100 and
    // every title shows whole.
    let (code, piped, _) = run(&dir, &[], None, "en");
    assert_eq!(code, 0, "{piped}");
    for id in ["01-1", "01-2", "01-3", "01-4", "01-5"] {
        assert_eq!(state_of(&piped, id), "passed", "{piped}");
    }
}

/// `reset` restores the shipped exercise and keeps the learner's version;
/// a second reset has nothing to do.
fn reset_restores_the_exercise_and_keeps_a_backup() {
    let dir = fixture("reset");
    let file = dir.join("lessons/lesson01/src/ex1_countdown.rs");
    let shipped = std::fs::read_to_string(&file).unwrap();
    let mine = solution("ex1_countdown.rs");
    std::fs::write(&file, &mine).unwrap();

    let (code, said) = course(&dir, &["reset", "01-1"]);
    assert_eq!(code, 0, "{said}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        shipped,
        "the exercise is not as shipped"
    );
    let backups: Vec<_> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("ex1_countdown.rs.backup-")
        })
        .collect();
    assert_eq!(backups.len(), 1, "one backup expected");
    assert_eq!(
        std::fs::read_to_string(backups[0].path()).unwrap(),
        mine,
        "the backup lost the learner's work"
    );
    assert!(
        said.contains(&*backups[0].file_name().to_string_lossy()),
        "reset must name its backup: {said}"
    );

    let (code, said) = course(&dir, &["reset", "01-1"]);
    assert_eq!(code, 0);
    assert!(said.contains("nothing to do"), "{said}");
}

/// A Windows checkout may hold the shipped exercise with CRLF endings:
/// that is not a change, so reset neither rewrites it nor backs it up.
fn reset_leaves_a_crlf_checkout_alone() {
    let dir = fixture("reset-crlf");
    let file = dir.join("lessons/lesson01/src/ex2_poll_by_hand.rs");
    let crlf = std::fs::read_to_string(&file)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&file, &crlf).unwrap();
    let before = snapshot(&dir);
    let (code, said) = course(&dir, &["reset", "01-2"]);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("nothing to do"), "{said}");
    assert_eq!(
        snapshot(&dir),
        before,
        "reset touched a CRLF copy of the shipped file"
    );
}

/// The tool works on the course it is run in, not on the one it was built
/// in: with no `COURSE_ROOT` and no `CARGO_MANIFEST_DIR`, run from inside a
/// copy, `reset` puts back the copy's file.
fn the_course_is_found_where_the_tool_runs() {
    let dir = fixture("found-here");
    let file = dir.join("lessons/lesson01/src/ex1_countdown.rs");
    let shipped = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, solution("ex1_countdown.rs")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_course"))
        .args(["reset", "01-1"])
        .current_dir(dir.join("lessons/lesson01"))
        .env_remove("COURSE_ROOT")
        .env_remove("CARGO_MANIFEST_DIR")
        .output()
        .expect("could not run the course tool");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        shipped,
        "reset did not act on the copy it was run in: {said}"
    );
}
