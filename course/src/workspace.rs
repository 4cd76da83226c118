//! Where the course lives and which lessons it has.
//!
//! A lesson is a folder `lessons/lessonNN/` with an `exercises.toml`; its
//! solution is `solutions/lessonNN/`, package `lessonNN-solution`. Nothing
//! else needs registering: a new lesson folder is found on the next run.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use courseinfo::Lesson;

/// The course's folder, found at run time: `COURSE_ROOT` if set (the
/// tool's own tests grade a throwaway copy), else the first folder holding
/// both a `Cargo.toml` and a `lessons/` folder, going up from the package
/// cargo ran (`CARGO_MANIFEST_DIR`, which `cargo run` and `cargo test` set
/// for the program), or else from the current folder.
///
/// Never a path compiled into the program: with one `CARGO_TARGET_DIR` for
/// several clones, a binary built in one clone is run from another.
///
/// # Errors
/// A one-line message when no such folder is found.
pub fn find() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("COURSE_ROOT") {
        return Ok(PathBuf::from(dir));
    }
    let start = match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?
        }
    };
    start
        .ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("lessons").is_dir())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "cannot find the course above {}: run cargo course from inside the course's folder",
                start.display()
            )
        })
}

/// [`find`], for the project's own tests, which run inside the workspace.
///
/// # Panics
/// Where [`find`] fails.
pub fn root() -> PathBuf {
    find().unwrap_or_else(|e| panic!("{e}"))
}

/// A lesson as found on disk.
#[derive(Debug)]
pub struct LessonOnDisk {
    pub lesson: Lesson,
    /// `lessons/lessonNN`, absolute.
    pub dir: PathBuf,
    /// `solutions/lessonNN`, absolute (it may be missing: devkit's `verify` says so).
    pub solution_dir: PathBuf,
}

impl LessonOnDisk {
    /// The learner's package, `lessonNN`.
    pub fn package(&self) -> String {
        format!("lesson{}", self.lesson.number)
    }

    /// The grader's modules, one per exercise, as test-name filters:
    /// `ex1_countdown::`.
    pub fn grader_modules(&self) -> Vec<String> {
        self.lesson
            .exercises
            .iter()
            .map(|e| format!("{}::", e.module()))
            .collect()
    }

    /// The solution's package, `lessonNN-solution`.
    pub fn solution_package(&self) -> String {
        format!("lesson{}-solution", self.lesson.number)
    }

    /// Why this lesson cannot be graded on this machine, in one line, or
    /// `None` if it can: a lesson that says `python = 9` in its
    /// `exercises.toml` needs Python 3.9 or later, and one that says
    /// `needs = ["redis-server"]` needs that server installed.
    pub fn missing(&self) -> Option<String> {
        let number = &self.lesson.number;
        for program in &self.lesson.needs {
            let found = match lessonkit::server::Server::named(program) {
                Some(server) => server.find().map(|_| ()),
                None => Err(format!("the course knows no server program {program:?}")),
            };
            if let Err(e) = found {
                return Some(format!(
                    "lesson {number} is left out, as grading it needs {program}: {e}"
                ));
            }
        }
        let minor = self.lesson.python?;
        static FOUND: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
        let found = FOUND.get_or_init(|| lessonkit::python::find(minor).map(|_| ()));
        found.as_ref().err().map(|e| {
            format!(
                "lesson {number} is left out, as grading it needs Python 3.{minor} or later: {e}"
            )
        })
    }
}

/// Every lesson under `root/lessons`, in order.
pub fn lessons(root: &Path) -> Result<Vec<LessonOnDisk>, String> {
    let dir = root.join("lessons");
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let toml = path.join("exercises.toml");
        if !toml.is_file() {
            continue;
        }
        let text =
            std::fs::read_to_string(&toml).map_err(|e| format!("{}: {e}", toml.display()))?;
        let lesson = Lesson::parse(&text).map_err(|e| format!("{}: {e}", toml.display()))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if name != format!("lesson{}", lesson.number) || lesson.folder != format!("lessons/{name}")
        {
            return Err(format!(
                "{}: says lesson {:?} in folder {:?}, but lives in lessons/{name}",
                toml.display(),
                lesson.number,
                lesson.folder
            ));
        }
        found.push(LessonOnDisk {
            solution_dir: root.join("solutions").join(&name),
            dir: path,
            lesson,
        });
    }
    found.sort_by(|a, b| a.lesson.number.cmp(&b.lesson.number));
    Ok(found)
}

/// The newest modification time of a file or of anything below a folder.
pub fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .flatten()
        .filter_map(|e| newest(&e.path()))
        .max()
}

/// A lesson, and maybe one of its exercises, as the learner named it on
/// the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The lesson's two digits: `06`.
    pub lesson: String,
    /// The exercise's id, `06-6`, when one was named.
    pub exercise: Option<String>,
}

/// The one reading of a lesson or an exercise id, wherever the tool takes
/// one: `06`, `6`, `lesson06`, or an id `06-6`, `6-6`, `lesson6-6`. Lesson
/// and exercise numbers may be written with or without leading zeros; what
/// comes back is as `exercises.toml` spells it. `None` for anything else.
pub fn parse_name(arg: &str) -> Option<Named> {
    fn number(digits: &str, below: u32) -> Option<u32> {
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|n| *n < below)
    }
    let arg = arg.strip_prefix("lesson").unwrap_or(arg);
    let (lesson, exercise) = match arg.split_once('-') {
        Some((l, k)) => (l, Some(number(k, 100)?)),
        None => (arg, None),
    };
    let lesson = format!("{:02}", number(lesson, 100)?);
    Some(Named {
        exercise: exercise.map(|k| format!("{lesson}-{k}")),
        lesson,
    })
}

/// The lesson the learner named (`6`, `06`, `lesson06`), or one line that
/// says which lessons there are.
///
/// # Errors
/// When `arg` names no lesson of `lessons`.
pub fn find_lesson<'a>(lessons: &'a [LessonOnDisk], arg: &str) -> Result<&'a LessonOnDisk, String> {
    let numbers = || {
        lessons
            .iter()
            .map(|l| l.lesson.number.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(named) = parse_name(arg).filter(|n| n.exercise.is_none()) else {
        return Err(format!(
            "no lesson {arg:?}: a lesson is its number, as in 02 (or 2); the lessons are {}",
            numbers()
        ));
    };
    lessons
        .iter()
        .find(|l| l.lesson.number == named.lesson)
        .ok_or_else(|| {
            format!(
                "there is no lesson {}; the lessons are {}",
                named.lesson,
                numbers()
            )
        })
}

/// What an exercise id looks like, for a learner who wrote something else.
const ID_FORM: &str = "an exercise id is a lesson and an exercise number, as in 01-2 (or 1-2)";

/// The exercise the learner named (`06-6`, `6-6`, `lesson06-6`), with its
/// lesson, or one line that names the ids nearest to what was asked for.
///
/// # Errors
/// When `arg` names no exercise of `lessons`.
pub fn find_exercise<'a>(
    lessons: &'a [LessonOnDisk],
    arg: &str,
) -> Result<(&'a LessonOnDisk, &'a courseinfo::ExerciseInfo), String> {
    let ids = |found: &LessonOnDisk| {
        found
            .lesson
            .exercises
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (first, last) = (
        lessons
            .iter()
            .flat_map(|l| l.lesson.exercises.first())
            .next(),
        lessons
            .iter()
            .flat_map(|l| l.lesson.exercises.last())
            .last(),
    );
    let Some(named) = parse_name(arg) else {
        let range = match (first, last) {
            (Some(first), Some(last)) => format!(", from {} to {}", first.id, last.id),
            _ => String::new(),
        };
        return Err(format!("no exercise {arg:?}: {ID_FORM}{range}"));
    };
    let lesson = lessons.iter().find(|l| l.lesson.number == named.lesson);
    let Some(id) = named.exercise else {
        return Err(match lesson {
            Some(found) => format!(
                "{arg:?} is lesson {}; name one of its exercises: {}",
                named.lesson,
                ids(found)
            ),
            None => format!("no exercise {arg:?}: {ID_FORM}"),
        });
    };
    if let Some(found) = lesson {
        return found
            .lesson
            .exercise(&id)
            .map(|ex| (found, ex))
            .ok_or_else(|| {
                format!(
                    "no exercise {id}: lesson {} has {}",
                    named.lesson,
                    ids(found)
                )
            });
    }
    // The lesson nearest in number, for a lesson that does not exist.
    let wanted: i64 = named.lesson.parse().unwrap_or_default();
    let nearest = lessons
        .iter()
        .min_by_key(|l| (l.lesson.number.parse::<i64>().unwrap_or_default() - wanted).abs());
    Err(match nearest {
        Some(found) => format!(
            "no exercise {id}: there is no lesson {}; the nearest exercises are {}",
            named.lesson,
            ids(found)
        ),
        None => format!("no exercise {id}: there are no lessons under lessons/"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lesson whose tests need a server this machine lacks is left out in
    /// one line that names the program and how to install it.
    #[test]
    fn a_lesson_needing_a_missing_server_is_left_out_in_one_line() {
        let with = |needs: &str| LessonOnDisk {
            lesson: Lesson::parse(&format!(
                "lesson = \"12\"\nfolder = \"lessons/lesson12\"\ntitle = \"t\"\n{needs}\n\
                 [[exercise]]\nid = \"12-1\"\nfile = \"src/ex1_a.rs\"\n\
                 title = \"a\"\nhint = \"h\"\nmore = \"m\"\n"
            ))
            .unwrap(),
            dir: PathBuf::new(),
            solution_dir: PathBuf::new(),
        };
        assert_eq!(with("").missing(), None);
        let unknown = with("needs = [\"no-such-server\"]").missing().unwrap();
        assert_eq!(
            unknown,
            "lesson 12 is left out, as grading it needs no-such-server: \
             the course knows no server program \"no-such-server\""
        );
        // A known server, found or not: one line either way.
        if let Some(line) = with("needs = [\"redis-server\"]").missing() {
            assert!(
                line.contains("Redis is not installed") && !line.contains('\n'),
                "{line}"
            );
        }
    }

    /// The ways a learner names a lesson or an exercise; others are refused.
    #[test]
    fn lessons_and_exercises_as_a_learner_writes_them() {
        let lesson = |nn: &str| {
            Some(Named {
                lesson: nn.into(),
                exercise: None,
            })
        };
        let exercise = |nn: &str, id: &str| {
            Some(Named {
                lesson: nn.into(),
                exercise: Some(id.into()),
            })
        };
        for (arg, want) in [
            ("06", lesson("06")),
            ("6", lesson("06")),
            ("lesson06", lesson("06")),
            ("lesson6", lesson("06")),
            ("06-6", exercise("06", "06-6")),
            ("6-6", exercise("06", "06-6")),
            ("lesson6-6", exercise("06", "06-6")),
            ("06-06", exercise("06", "06-6")),
            ("12-3", exercise("12", "12-3")),
        ] {
            assert_eq!(parse_name(arg), want, "{arg:?}");
        }
        for refused in [
            "", "x", "123", "02-", "02-x", "lesson", "-3", "--help", "-h", "6-", "6-6-6", "+6",
        ] {
            assert_eq!(parse_name(refused), None, "{refused:?} is no lesson");
        }
    }

    /// The workspace's own lessons: an unpadded id finds its exercise, and
    /// a wrong one says, in one line, which ids are nearest.
    #[test]
    fn an_exercise_is_found_or_the_nearest_are_named() {
        let lessons = lessons(&root()).expect("the workspace's lessons");
        let (found, ex) = find_exercise(&lessons, "1-2").expect("1-2 is 01-2");
        assert_eq!(
            (found.lesson.number.as_str(), ex.id.as_str()),
            ("01", "01-2")
        );
        assert_eq!(
            find_lesson(&lessons, "1").map(|l| l.lesson.number.as_str()),
            Ok("01")
        );

        let last = lessons.last().expect("a lesson");
        let beyond = format!("{}-{}", last.lesson.number, last.lesson.exercises.len() + 1);
        let said = find_exercise(&lessons, &beyond).expect_err("no such exercise");
        let last_id = &last.lesson.exercises.last().expect("an exercise").id;
        assert!(
            said.contains(last_id.as_str()) && !said.contains('\n'),
            "an id one past the last of its lesson should name, in one line, its lesson's ids (as {last_id}); said: {said}"
        );
        let said = find_exercise(&lessons, "99-1").expect_err("no lesson 99");
        assert!(
            said.contains("no lesson 99") && said.contains(last_id.as_str()),
            "an unknown lesson should be named, with the ids of the nearest lesson (as {last_id}); said: {said}"
        );
        assert!(
            !said.contains("01-1"),
            "only the nearest ids, not every id of the course; said: {said}"
        );
        let said = find_exercise(&lessons, "1").expect_err("a lesson, not an exercise");
        assert!(
            said.contains("01-1"),
            "a lesson given for an exercise should name its exercises; said: {said}"
        );
        let said = find_lesson(&lessons, "99").expect_err("no lesson 99");
        assert!(
            said.contains("no lesson 99") && said.contains("01"),
            "an unknown lesson should be named with the lessons there are; said: {said}"
        );
    }
}
