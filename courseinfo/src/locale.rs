//! Which language the learner reads: English, or Simplified Chinese.
//!
//! One rule for the whole course, so that `cargo course`, `cargo course
//! hint` and the verdict lines of `cargo test -p lessonNN` agree:
//! `COURSE_LANG` (`zh` or `en`) if set, which is how the course tool asks
//! the tests it runs for English it can read back; else the POSIX locale
//! variables; else the system's user-interface language (Windows sets no
//! variables, a macOS terminal often none that says it).

/// Whether messages should be in Chinese: see the module's rule.
pub fn chinese_locale() -> bool {
    match std::env::var("COURSE_LANG").ok().as_deref() {
        Some("zh") => true,
        Some("en") => false,
        _ => chinese_or_system(|name| std::env::var(name).ok(), sys_locale::get_locale),
    }
}

/// Whether messages should be in Chinese: the first of `LC_ALL`,
/// `LC_MESSAGES` and `LANG` that is set and not empty (the order POSIX
/// gives them) starts with `zh`. `var` looks a variable up, so that tests
/// need not change the process's environment.
pub fn chinese(var: impl Fn(&str) -> Option<String>) -> bool {
    posix_locale(&var).is_some_and(|value| value.starts_with("zh"))
}

/// The first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty.
fn posix_locale(var: &impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|value| !value.is_empty())
}

/// As [`chinese`] when any of those variables is set; otherwise whether the
/// system's user-interface language (`system`, a BCP 47 tag such as
/// `zh-CN` or `zh-Hans-CN`) is Chinese. Windows sets none of the variables,
/// and a macOS terminal often sets only `LANG=en_US.UTF-8` or nothing, so the
/// variables decide when present (a learner can always set `LANG`) and the
/// system's own setting otherwise.
pub fn chinese_or_system(
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Option<String>,
) -> bool {
    match posix_locale(&var) {
        Some(value) => value.starts_with("zh"),
        None => system().is_some_and(|tag| tag.starts_with("zh")),
    }
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

    /// With no variable set (Windows), the system's UI language decides;
    /// a variable that is set wins over it.
    #[test]
    fn the_system_language_counts_only_without_variables() {
        let zh = || Some("zh-CN".to_string());
        assert!(chinese_or_system(env(&[]), zh));
        assert!(chinese_or_system(env(&[]), || Some("zh-Hans-CN".into())));
        assert!(!chinese_or_system(env(&[]), || Some("en-US".into())));
        assert!(!chinese_or_system(env(&[]), || None));
        assert!(!chinese_or_system(env(&[("LANG", "en_US.UTF-8")]), zh));
        assert!(chinese_or_system(env(&[("LANG", "")]), zh));
        assert!(chinese_or_system(env(&[("LANG", "zh_CN.UTF-8")]), || None));
    }
}
