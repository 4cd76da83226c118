//! Hints in the learner's language: `cargo course hint ID` prints the
//! Chinese hint from `lessons/lessonNN/hints.zh-CN.toml` when the locale is
//! Chinese, and the English one from `exercises.toml` otherwise.
//!
//! `hints.zh-CN.toml` holds the lesson's Chinese title and one table per
//! exercise id:
//!
//! ```toml
//! title = "协程"
//!
//! ["01-1"]
//! title = "倒计时 future"
//! hint = """…"""
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The file of Chinese hints, in a lesson's folder.
pub const FILE: &str = "hints.zh-CN.toml";

/// One exercise's title and hint, in Chinese.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub title: String,
    pub hint: String,
}

pub use testkit::locale::chinese_locale;

/// Every Chinese hint of the lesson in `dir`, by exercise id; empty if the
/// lesson has no `hints.zh-CN.toml`.
pub fn load(dir: &Path) -> Result<BTreeMap<String, Hint>, String> {
    Ok(read(dir)?.hints)
}

/// The lesson's Chinese title (the chapter's, `协程`), if its
/// `hints.zh-CN.toml` gives one.
pub fn lesson_title(dir: &Path) -> Option<String> {
    read(dir).ok()?.title
}

#[derive(Debug, Default, Deserialize)]
struct HintsFile {
    title: Option<String>,
    #[serde(flatten)]
    hints: BTreeMap<String, Hint>,
}

fn read(dir: &Path) -> Result<HintsFile, String> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Ok(HintsFile::default());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}
