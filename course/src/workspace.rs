//! Where the course lives and which lessons it has.
//!
//! A lesson is a folder `lessons/lessonNN/` with an `exercises.toml`; its
//! solution is `solutions/lessonNN/`, package `lessonNN-solution`. Nothing
//! else needs registering: a new lesson folder is found on the next run.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use testkit::Lesson;

/// The workspace root: the folder above this crate's own, unless
/// `COURSE_ROOT` names another (the tool's own tests grade a throwaway copy).
pub fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os("COURSE_ROOT") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the course crate sits inside the workspace")
        .to_path_buf()
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
