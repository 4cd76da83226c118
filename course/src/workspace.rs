//! Where the course lives and which lessons it has.
//!
//! A lesson is a folder `lessons/lessonNN/` with an `exercises.toml`; its
//! solution is `solutions/lessonNN/`, package `lessonNN-solution`. Nothing
//! else needs registering: a new lesson folder is found on the next run.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use testkit::Lesson;

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
pub struct Found {
    pub lesson: Lesson,
    /// `lessons/lessonNN`, absolute.
    pub dir: PathBuf,
    /// `solutions/lessonNN`, absolute (it may be missing: [`crate::verify`] says so).
    pub solution_dir: PathBuf,
}

impl Found {
    /// The learner's package, `lessonNN`.
    pub fn package(&self) -> String {
        format!("lesson{}", self.lesson.lesson)
    }

    /// The solution's package, `lessonNN-solution`.
    pub fn solution_package(&self) -> String {
        format!("lesson{}-solution", self.lesson.lesson)
    }

    /// Why this lesson cannot be graded on this machine, in one line, or
    /// `None` if it can: a lesson that says `python = 9` in its
    /// `exercises.toml` needs Python 3.9 or later.
    pub fn missing(&self) -> Option<String> {
        let minor = self.lesson.python?;
        static FOUND: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
        let found = FOUND.get_or_init(|| lessonkit::python::find(minor).map(|_| ()));
        found.as_ref().err().map(|e| {
            format!(
                "lesson {} is left out, as grading it needs Python 3.{minor} or later: {e}",
                self.lesson.lesson
            )
        })
    }
}

/// Every lesson under `root/lessons`, in order.
pub fn lessons(root: &Path) -> Result<Vec<Found>, String> {
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
        if name != format!("lesson{}", lesson.lesson) || lesson.folder != format!("lessons/{name}")
        {
            return Err(format!(
                "{}: says lesson {:?} in folder {:?}, but lives in lessons/{name}",
                toml.display(),
                lesson.lesson,
                lesson.folder
            ));
        }
        found.push(Found {
            solution_dir: root.join("solutions").join(&name),
            dir: path,
            lesson,
        });
    }
    found.sort_by(|a, b| a.lesson.lesson.cmp(&b.lesson.lesson));
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
