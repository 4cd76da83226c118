//! Most learners use macOS or Windows, so nothing a learner builds may lean
//! on Linux or Unix without saying so. This scans the learner's crates
//! (`lessons/*`, `solutions/*`, `testkit`, `course`, `devkit`, `bench`) and fails,
//! naming file:line, on any use of `std::os::unix`, `std::os::linux`,
//! `/proc/`, `nix::`, `libc::` or `signal::unix` (tokio's Unix signals) that
//! is not under a platform guard.
//!
//! # The rule
//!
//! Comments do not count (doc comments may say where a figure comes from);
//! string literals do, so a message says "Linux only" rather than quoting a
//! path under `/proc`.
//! A use is guarded when it sits inside an item, statement or block whose
//! attributes include a `cfg` naming `unix`, `linux` or a `target_os`
//! outside a `not(...)`, for instance `#[cfg(unix)]` or
//! `#[cfg(all(target_os = "linux", test))]`; the attribute covers what
//! follows it up to the end of that item (its `;`, or the `}` closing its
//! block). A whole file is guarded by a `#![cfg(...)]` of that kind at the
//! top, or when every `mod` declaration that loads it (`mod name;`, or
//! `#[path = "..."] mod name;`) is itself guarded. `cfg!(...)` in an `if`
//! does not count: the code in both branches is still compiled everywhere.
//!
//! This reads the code; it does not compile it for other targets (CI has
//! only Linux), so it is a check of habits, not a proof.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use course::workspace;

/// What may not appear unguarded.
const PATTERNS: [&str; 6] = [
    "std::os::unix",
    "std::os::linux",
    "/proc/",
    "nix::",
    "libc::",
    "signal::unix",
];

/// Every `.rs` file of the learner's crates is free of unguarded
/// platform-specific code.
#[test]
fn platform_specific_code_is_behind_cfg() {
    let root = workspace::root();
    let mut files = Vec::new();
    for group in ["lessons", "solutions"] {
        for entry in std::fs::read_dir(root.join(group)).unwrap().flatten() {
            rust_files(&entry.path(), &mut files);
        }
    }
    for dir in ["testkit", "lessonkit", "course", "devkit", "bench"] {
        rust_files(&root.join(dir), &mut files);
    }
    // This file quotes the patterns in its own test cases.
    files.retain(|f| !f.ends_with("course/tests/platform.rs"));
    files.sort();
    let sources: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect();

    // Which files are loaded only by guarded `mod` declarations.
    let mut loaded_by: HashMap<PathBuf, Vec<bool>> = HashMap::new();
    for (file, text) in &sources {
        for decl in scan(text).mods {
            let target = module_file(file, &decl);
            let target = target.canonicalize().unwrap_or(target);
            loaded_by.entry(target).or_default().push(decl.guarded);
        }
    }

    let mut problems = Vec::new();
    for (file, text) in &sources {
        let canonical = file.canonicalize().unwrap_or_else(|_| file.clone());
        let file_guarded = loaded_by
            .get(&canonical)
            .is_some_and(|decls| decls.iter().all(|&g| g));
        if file_guarded {
            continue;
        }
        let name = file.strip_prefix(&root).unwrap_or(file).display();
        for (line, pattern) in scan(text).unguarded {
            problems.push(format!(
                "{name}:{line}: `{pattern}` outside a cfg(unix)/cfg(target_os = ...) guard"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "platform-specific code compiled on every system (Windows and macOS learners \
         cannot build it); put it under #[cfg(unix)] or #[cfg(target_os = \"linux\")] \
         with a fallback that says what is missing:\n{}",
        problems.join("\n")
    );
}

/// The rule catches what bench/src/runner.rs (then child.rs) did before it was guarded: a
/// top-level `use std::os::unix` and nix imports.
#[test]
fn an_unguarded_unix_import_is_reported() {
    let original = "use std::fs::File;\n\
                    use std::os::unix::process::{CommandExt, ExitStatusExt};\n\
                    use nix::unistd::Pid;\n\
                    fn peak() -> Option<String> {\n    \
                        std::fs::read_to_string(\"/proc/self/status\").ok()\n\
                    }\n";
    let found = scan(original).unguarded;
    assert_eq!(
        found,
        [(2, "std::os::unix"), (3, "nix::"), (5, "/proc/")],
        "expected the three unguarded uses, by line"
    );
}

/// Guards the rule accepts, and ones it does not.
#[test]
fn guards_are_recognised() {
    let guarded = "#[cfg(unix)]\nuse std::os::unix::process::CommandExt;\n\
                   #[cfg(target_os = \"linux\")]\n#[allow(dead_code)]\nfn rss() -> String {\n    \
                       let s = \"{\";\n    std::fs::read_to_string(\"/proc/self/status\").unwrap()\n}\n\
                   fn f() {\n    #[cfg(unix)]\n    let t = async {\n        use std::os::unix::fs::MetadataExt;\n    };\n}\n\
                   #[cfg(target_os = \"linux\")]\nfn two(a: u8, b: u8) -> u8 {\n    let _ = \"/proc/self/status\";\n    a + b\n}\n\
                   // a comment naming /proc/self/stat\n\
                   /// a doc comment naming libc::getrusage\n";
    assert_eq!(scan(guarded).unguarded, [], "all of these are guarded");

    let not_guarded = "#[cfg(not(unix))]\nuse std::os::unix::fs::MetadataExt;\n\
                       #[cfg(test)]\nmod tests {\n    use nix::unistd::Pid;\n}\n\
                       #[cfg(unix)]\nfn f() {}\nuse libc::c_int;\n\
                       fn g() { if cfg!(unix) { let _ = \"/proc/loadavg\"; } }\n";
    assert_eq!(
        scan(not_guarded).unguarded,
        [
            (2, "std::os::unix"),
            (5, "nix::"),
            (9, "libc::"),
            (10, "/proc/")
        ],
        "not(unix), cfg(test), a guard that ended, and cfg!() guard nothing"
    );

    let inner = "#![cfg(target_os = \"linux\")]\nuse nix::unistd::Pid;\n";
    assert_eq!(
        scan(inner).unguarded,
        [],
        "an inner #![cfg] guards the file"
    );

    let mods = scan("#[cfg(unix)]\npub mod child;\npub mod stats;\n#[path = \"../x/cost.rs\"]\n#[cfg(target_os = \"linux\")]\nmod cost;\n").mods;
    let summary: Vec<_> = mods
        .iter()
        .map(|m| (m.name.as_str(), m.path.as_deref(), m.guarded))
        .collect();
    assert_eq!(
        summary,
        [
            ("child", None, true),
            ("stats", None, false),
            ("cost", Some("../x/cost.rs"), true)
        ]
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            // Build output and the Python side hold no Rust of ours.
            if name != "target" && name != ".venv" && name != "python" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A `mod name;` declaration found in a file.
#[derive(Debug)]
struct ModDecl {
    name: String,
    /// Its `#[path = "..."]`, if any.
    path: Option<String>,
    guarded: bool,
}

/// The file a declaration in `parent` loads.
fn module_file(parent: &Path, decl: &ModDecl) -> PathBuf {
    let dir = parent.parent().unwrap();
    if let Some(path) = &decl.path {
        return dir.join(path);
    }
    let stem = parent.file_stem().unwrap().to_string_lossy();
    let base = if ["lib", "main", "mod"].contains(&stem.as_ref()) {
        dir.to_path_buf()
    } else {
        dir.join(stem.as_ref())
    };
    let flat = base.join(format!("{}.rs", decl.name));
    if flat.exists() {
        flat
    } else {
        base.join(&decl.name).join("mod.rs")
    }
}

#[derive(Debug, Default)]
struct Scan {
    /// (1-based line, pattern) of every unguarded use.
    unguarded: Vec<(usize, &'static str)>,
    mods: Vec<ModDecl>,
}

/// Whether a `cfg(...)` predicate names a platform outside any `not(...)`.
fn is_platform_cfg(predicate: &str) -> bool {
    let mut kept = String::new();
    let mut rest = predicate;
    while let Some(at) = rest.find("not(") {
        kept.push_str(&rest[..at]);
        // Skip to the parenthesis that closes this not(.
        let mut depth = 0;
        let mut end = rest.len();
        for (i, c) in rest[at + 3..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + 3 + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    ["unix", "linux", "target_os"]
        .iter()
        .any(|w| kept.contains(w))
}

/// Splits Rust source into code with comments blanked (`code`, strings
/// kept, where the patterns are looked for) and code with comments and the
/// insides of string and char literals blanked (`shape`, where braces,
/// semicolons and attributes are followed). Both keep every newline.
fn blank(text: &str) -> (Vec<char>, Vec<char>) {
    let chars: Vec<char> = text.chars().collect();
    let mut code = chars.clone();
    let mut shape = chars.clone();
    let keep_newline = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                code[i] = ' ';
                shape[i] = ' ';
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    if depth == 0 {
                        code[i] = ' ';
                        code[i + 1] = ' ';
                        shape[i] = ' ';
                        shape[i + 1] = ' ';
                        i += 2;
                        break;
                    }
                }
                code[i] = keep_newline(chars[i]);
                shape[i] = keep_newline(chars[i]);
                i += 1;
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    break;
                }
                shape[j] = keep_newline(chars[j]);
                j += 1;
            }
            i = j + 1 + hashes;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    shape[j] = ' ';
                    j += 1;
                }
                if j < chars.len() {
                    shape[j] = keep_newline(chars[j]);
                }
                j += 1;
            }
            i = j + 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(end) => {
                    for s in &mut shape[i + 1..end] {
                        *s = ' ';
                    }
                    i = end + 1;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    (code, shape)
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Follows the source's items and blocks, recording unguarded uses and
/// `mod` declarations.
fn scan(text: &str) -> Scan {
    let (code, shape) = blank(text);
    let mut out = Scan::default();
    let line_of = |i: usize| code[..i].iter().filter(|&&c| c == '\n').count() + 1;

    // Each open brace: whether what it opened is guarded.
    let mut stack: Vec<bool> = Vec::new();
    // A platform cfg waiting for its item: the depth it was written at.
    let mut pending: Option<usize> = None;
    // Open `(` and `[` (outside attributes), and how many were open when the
    // pending cfg was written: a comma inside a signature's parentheses or a
    // generic list does not end the item.
    let mut parens = 0usize;
    let mut pending_parens = 0usize;
    // The last `#[path = "..."]` seen and not yet used by a `mod`.
    let mut path_attr: Option<String> = None;
    let mut file_guarded = false;

    let guarded_now = |stack: &[bool], pending: Option<usize>, file: bool| {
        file || pending.is_some() || stack.iter().any(|&g| g)
    };

    let mut i = 0;
    while i < shape.len() {
        let c = shape[i];
        if c == '#' && (shape.get(i + 1) == Some(&'[') || shape.get(i + 2) == Some(&'[')) {
            let inner = shape.get(i + 1) == Some(&'!');
            let open = if inner { i + 2 } else { i + 1 };
            let end = matching(&shape, open, '[', ']').unwrap_or(shape.len() - 1);
            let attr: String = code[open + 1..end].iter().collect();
            let attr = attr.trim();
            if let Some(predicate) = attr
                .strip_prefix("cfg")
                .filter(|p| p.trim_start().starts_with('('))
            {
                if is_platform_cfg(predicate) {
                    if inner && stack.is_empty() {
                        file_guarded = true;
                    } else if inner {
                        if let Some(top) = stack.last_mut() {
                            *top = true;
                        }
                    } else {
                        pending = Some(stack.len());
                        pending_parens = parens;
                    }
                }
            } else if let Some(value) = attr.strip_prefix("path") {
                let value = value.trim_start().trim_start_matches('=').trim();
                path_attr = Some(value.trim_matches('"').to_string());
            }
            i = end + 1;
            continue;
        }
        if starts_word(&shape, i, "mod") {
            // `mod name;` loads a file; `mod name {` opens a block.
            let rest: String = shape[i + 3..].iter().take(200).collect();
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let after = rest.trim_start()[name.len()..].trim_start();
            if !name.is_empty() && after.starts_with(';') {
                out.mods.push(ModDecl {
                    name,
                    path: path_attr.take(),
                    guarded: guarded_now(&stack, pending, file_guarded),
                });
            }
        }
        match c {
            '(' | '[' => parens += 1,
            ')' | ']' => parens = parens.saturating_sub(1),
            '{' => {
                stack.push(pending.is_some_and(|d| d == stack.len()));
                if pending == Some(stack.len() - 1) {
                    pending = None;
                }
            }
            '}' => {
                stack.pop();
                // A guard pending deeper than where we are now has lost its item.
                if pending.is_some_and(|d| d > stack.len()) {
                    pending = None;
                }
                path_attr = None;
            }
            // The end of the guarded item: a statement, or a match arm or field.
            ';' | ',' if pending == Some(stack.len()) && parens == pending_parens => {
                pending = None;
                i += 1;
                continue;
            }
            _ => {}
        }
        if !guarded_now(&stack, pending, file_guarded) {
            for pattern in PATTERNS {
                let path_tail = pattern.ends_with("::") && ident_before(&code, i);
                if starts_with(&code, i, pattern) && !path_tail {
                    out.unguarded.push((line_of(i), pattern));
                }
            }
        }
        i += 1;
    }
    out.unguarded.sort();
    out.unguarded.dedup();
    out
}

fn starts_with(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k) == Some(&c))
}

fn starts_word(chars: &[char], i: usize, word: &str) -> bool {
    starts_with(chars, i, word)
        && !ident_before(chars, i)
        && !chars
            .get(i + word.len())
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The index of the bracket closing the one at `open`.
fn matching(chars: &[char], open: usize, left: char, right: char) -> Option<usize> {
    let mut depth = 0;
    for (k, &c) in chars.iter().enumerate().skip(open) {
        if c == left {
            depth += 1;
        } else if c == right {
            depth -= 1;
            if depth == 0 {
                return Some(k);
            }
        }
    }
    None
}
