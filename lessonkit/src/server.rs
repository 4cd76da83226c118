//! Finding a server program a lesson starts for real (`redis-server` for
//! lesson 12, PostgreSQL's `postgres` and `initdb` for lesson 11), and the
//! one line to print where it is missing.
//!
//! A program is looked for on `PATH`, then in the folders its packages put
//! it in and do not add to `PATH` (Debian's PostgreSQL lives in
//! `/usr/lib/postgresql/<major>/bin`, newest major first). The course tool
//! reads [`Server`] to leave a lesson out ("needs = ..." in its
//! `exercises.toml`), a lesson's tests to skip in one line, and a lesson's
//! program to say what to install.

use std::path::{Path, PathBuf};

/// A server program and how a learner gets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    /// The program's name, as `exercises.toml`'s `needs` names it.
    pub program: &'static str,
    /// What the server is, for people: `"Redis"`.
    pub what: &'static str,
    /// The install command on Debian and Ubuntu.
    pub debian: &'static str,
    /// The install command with Homebrew (macOS).
    pub brew: &'static str,
    /// Folders to look in after `PATH`, each with `*` standing for one
    /// folder name (a version), tried newest first.
    pub also_in: &'static [&'static str],
}

/// Redis (Debian's `redis-server` package).
pub const REDIS: Server = Server {
    program: "redis-server",
    what: "Redis",
    debian: "apt-get install redis-server",
    brew: "brew install redis",
    also_in: &[],
};

/// PostgreSQL's server (Debian's `postgresql` package, whose programs sit
/// in `/usr/lib/postgresql/<major>/bin`, off `PATH`).
pub const POSTGRES: Server = Server {
    program: "postgres",
    what: "PostgreSQL",
    debian: "apt-get install postgresql",
    brew: "brew install postgresql",
    also_in: &["/usr/lib/postgresql/*/bin"],
};

/// Every server a lesson may name in `needs`.
pub const KNOWN: &[Server] = &[REDIS, POSTGRES];

impl Server {
    /// The server whose program is `program`, if the course knows it.
    pub fn named(program: &str) -> Option<Server> {
        KNOWN.iter().copied().find(|s| s.program == program)
    }

    /// The program's path, or one line saying it is missing and how to
    /// install it.
    pub fn find(&self) -> Result<PathBuf, String> {
        self.find_program(self.program)
    }

    /// Another program of the same package (`initdb` beside `postgres`):
    /// looked for where [`Server::find`] found the server first.
    pub fn find_program(&self, program: &str) -> Result<PathBuf, String> {
        let exe = format!("{program}{}", std::env::consts::EXE_SUFFIX);
        let on_path = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
            .unwrap_or_default();
        let extra = self.also_in.iter().flat_map(|pattern| expand(pattern));
        on_path
            .into_iter()
            .chain(extra)
            .map(|dir| dir.join(&exe))
            .find(|p| p.is_file())
            .ok_or_else(|| self.missing(program))
    }

    /// The line a learner reads when `program` is not installed.
    pub fn missing(&self, program: &str) -> String {
        let how = if cfg!(target_os = "macos") {
            self.brew
        } else {
            self.debian
        };
        format!("{} is not installed (no {program} found): {how}", self.what)
    }
}

/// `pattern`'s folders: a `*` stands for one folder name, and the matches
/// come newest (greatest number) first.
fn expand(pattern: &str) -> Vec<PathBuf> {
    let Some((before, after)) = pattern.split_once('*') else {
        return vec![PathBuf::from(pattern)];
    };
    let Ok(entries) = std::fs::read_dir(before) else {
        return Vec::new();
    };
    let mut found: Vec<(u64, PathBuf)> = entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let number = name.parse().unwrap_or(0);
            (
                number,
                Path::new(before)
                    .join(name)
                    .join(after.trim_start_matches('/')),
            )
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_says_how_to_install_it() {
        let none = Server {
            program: "no-such-server-here",
            what: "Nothing",
            debian: "apt-get install nothing",
            brew: "brew install nothing",
            also_in: &["/no/such/*/bin"],
        };
        let line = none.find().unwrap_err();
        assert!(line.starts_with("Nothing is not installed (no no-such-server-here found): "));
        assert!(!line.contains('\n'));
    }

    #[test]
    fn versioned_folders_come_newest_first() {
        let dir = std::env::temp_dir().join(format!("lessonkit-server-{}", std::process::id()));
        for v in ["9", "15", "13"] {
            std::fs::create_dir_all(dir.join(v).join("bin")).unwrap();
        }
        let pattern = format!("{}/*/bin", dir.display());
        let got = expand(&pattern);
        let _ = std::fs::remove_dir_all(&dir);
        let names: Vec<String> = got
            .iter()
            .map(|p| {
                p.parent()
                    .unwrap()
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["15", "13", "9"]);
    }

    #[test]
    fn every_known_server_is_found_by_its_name() {
        for s in KNOWN {
            assert_eq!(Server::named(s.program), Some(*s));
        }
        assert_eq!(Server::named("mysqld"), None);
    }
}
