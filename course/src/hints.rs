//! Hints in the learner's language: `cargo course hint ID` prints the
//! Chinese hint from `lessons/lessonNN/hints.zh-CN.toml` when the locale is
//! Chinese, and the English one from `exercises.toml` otherwise.
//!
//! `hints.zh-CN.toml` holds one table per exercise id:
//!
//! ```toml
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

/// Whether messages should be in Chinese: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty (the order POSIX
/// gives them) starts with `zh`. `var` looks a variable up, so that tests
/// need not change the process's environment.
pub fn chinese(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty())
        .is_some_and(|value| value.starts_with("zh"))
}

/// Whether this process's locale is Chinese.
pub fn chinese_locale() -> bool {
    chinese(|name| std::env::var(name).ok())
}

/// Every Chinese hint of the lesson in `dir`, by exercise id; empty if the
/// lesson has no `hints.zh-CN.toml`.
pub fn load(dir: &Path) -> Result<BTreeMap<String, Hint>, String> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Ok(BTreeMap::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    /// LC_ALL wins over LC_MESSAGES, which wins over LANG; empty ones do not count.
    #[test]
    fn the_locale_is_read_in_posix_order() {
        assert!(chinese(env(&[("LANG", "zh_CN.UTF-8")])));
        assert!(chinese(env(&[("LANG", "zh_TW.UTF-8")])));
        assert!(!chinese(env(&[("LANG", "en_US.UTF-8")])));
        assert!(!chinese(env(&[])));
        assert!(chinese(env(&[
            ("LANG", "C"),
            ("LC_MESSAGES", "zh_CN.UTF-8")
        ])));
        assert!(!chinese(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")])));
        assert!(chinese(env(&[("LANG", "en_GB"), ("LC_ALL", "zh_CN")])));
        assert!(chinese(env(&[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "")])));
    }
}
