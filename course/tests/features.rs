//! One build of each dependency per profile, whatever `-p` selects.
//!
//! Cargo builds a crate once per feature set, and it hashes a crate's
//! dependencies (their features too) into the build, so if `cargo run -p
//! lesson01`, `cargo test -p lesson04` and `cargo course` resolved tokio, or
//! anything under it, with different features, a learner's target folder
//! would hold one tokio per lesson (it once held eleven, 2.8 GB). The
//! `workspace-hack` crate, written by `cargo hakari generate`, names every
//! such dependency with the union of its features, and every member depends
//! on it.
//!
//! Two checks. The first runs everywhere, with nothing installed: it asks
//! `cargo tree` (no compiling; a few seconds in all) which features every
//! registry crate gets under each selection a learner or CI uses, and fails,
//! naming the crate and both selections, when two differ. The second is
//! cargo-hakari's own (`cargo hakari generate --diff`, `manage-deps
//! --dry-run`): that the workspace-hack is the one the tool would write now. It runs where cargo-hakari is installed, and is required
//! where `COURSE_REQUIRE_HAKARI` is set (CI). Left out on purpose: `bench`
//! (its nix turns on libc's `extra_traits`, and it is built with
//! `--release` anyway) and lesson 03's optional `https` feature (rustls),
//! both asked for by name (see `.config/hakari.toml`).

use std::collections::BTreeMap;
use std::process::Command;

use course::workspace;

/// What one selection resolves: crate ("name vX.Y.Z") to its features.
fn resolve(args: &[&str]) -> BTreeMap<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--quiet", "--prefix", "none", "--format", "{p}|{f}"])
        .args(args)
        .current_dir(workspace::root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        // A repeated subtree ends its line with " (*)".
        .map(|line| line.trim_end_matches(" (*)"))
        .filter_map(|line| line.split_once('|'))
        // Members of the workspace carry their path; only registry crates
        // are shared between selections.
        .filter(|(package, _)| !package.contains("(/") && !package.contains(":\\"))
        .map(|(package, features)| (package.trim().to_string(), features.trim().to_string()))
        .collect()
}

#[test]
fn every_selection_resolves_the_same_features() {
    // (selection, whether it may add crates or only meet known ones)
    let mut selections: Vec<(Vec<&str>, bool)> = Vec::new();
    // Every lesson there is: a new one is checked the day it arrives.
    let mut names: Vec<(String, String)> = std::fs::read_dir(workspace::root().join("lessons"))
        .expect("the lessons folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("lesson"))
        .map(|lesson| (lesson.clone(), format!("{lesson}-solution")))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "lessons found: {names:?}");
    for (lesson, solution) in &names {
        // `cargo run -p lessonNN` (no dev-dependencies), `cargo test -p lessonNN`.
        selections.push((vec!["-e", "normal,build", "-p", lesson], true));
        selections.push((vec!["-p", lesson], true));
        selections.push((vec!["-p", solution], true));
    }
    // A plain `cargo test` (the default members) adds mdBook's crates, which
    // the lessons never build: only the crates the lessons build are compared.
    selections.push((vec![], false));

    let mut seen: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut problems = Vec::new();
    for (args, adds) in &selections {
        let shown = format!("cargo tree {}", args.join(" "));
        for (package, features) in resolve(args) {
            match seen.get(&package) {
                None if *adds => {
                    seen.insert(package, (features, shown.clone()));
                }
                Some((first, where_first)) if *first != features => problems.push(format!(
                    "{package}: [{first}] under `{where_first}`, but [{features}] under `{shown}`"
                )),
                _ => {}
            }
        }
    }
    // `cargo course` shares with the lessons only what it reaches through
    // testkit; its other crates (mdBook's) never meet a lesson's build.
    let testkit = resolve(&["-e", "normal,build", "-p", "testkit"]);
    let shown = "cargo tree -e normal,build -p course";
    for (package, features) in resolve(&["-e", "normal,build", "-p", "course"]) {
        if let (true, Some((first, where_first))) =
            (testkit.contains_key(&package), seen.get(&package))
            && *first != features
        {
            problems.push(format!(
                "{package}: [{first}] under `{where_first}`, but [{features}] under `{shown}`"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "a dependency resolves different features depending on -p, so it builds more \
         than once: run `cargo hakari generate` and `cargo hakari manage-deps` \
         (cargo install cargo-hakari --locked; CONTRIBUTING.md, \"Dependencies\"), \
         and commit workspace-hack/Cargo.toml and Cargo.lock:\n{}",
        problems.join("\n")
    );
}

/// The learner's tool builds no runtime: what it shares with the lessons'
/// tests (the exercises.toml schema, the outcomes) lives in `courseinfo`,
/// not in testkit, which brings tokio.
#[test]
fn the_course_tool_builds_without_tokio() {
    let tool = resolve(&["-e", "normal,build", "-p", "course"]);
    let runtime: Vec<&String> = tool.keys().filter(|p| p.starts_with("tokio")).collect();
    assert!(
        runtime.is_empty(),
        "cargo tree -p course reaches {runtime:?}: the course tool must build without a runtime"
    );
}

/// cargo-hakari's own checks, where it is installed: the workspace-hack is
/// the one `cargo hakari generate` would write from today's manifests, and
/// every member but the ones left out (`.config/hakari.toml`) depends on it.
#[test]
fn the_workspace_hack_is_up_to_date() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let hakari = |args: &[&str]| {
        Command::new(&cargo)
            .arg("hakari")
            .args(args)
            .current_dir(workspace::root())
            .output()
    };
    let installed = matches!(hakari(&["--version"]), Ok(out) if out.status.success());
    if !installed {
        assert!(
            std::env::var_os("COURSE_REQUIRE_HAKARI").is_none(),
            "COURSE_REQUIRE_HAKARI is set but cargo-hakari is not installed: \
             cargo install cargo-hakari --locked"
        );
        eprintln!("cargo-hakari is not installed: only the `cargo tree` check ran");
        return;
    }
    // Not `cargo hakari verify`: it counts the members left out on purpose
    // (the course tool), which build their own feature sets; the `cargo
    // tree` comparison above is the check of what the builds resolve.
    for args in [&["generate", "--diff"][..], &["manage-deps", "--dry-run"]] {
        let out = hakari(args).expect("cargo hakari runs");
        assert!(
            out.status.success(),
            "`cargo hakari {}` failed: the workspace-hack is out of date. Run \
             `cargo hakari generate` and `cargo hakari manage-deps`, and commit \
             workspace-hack/Cargo.toml, the members' Cargo.toml and Cargo.lock.\n{}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// rustc's incremental cache for the learner's crates only: every member
/// outside `lessons/` has `[profile.dev.package.NAME] incremental = false`
/// in the root manifest (half a warm target folder otherwise), and no
/// lesson has a section there (`course::fixture::built_once` would then
/// leave its scratch copies' cache on).
#[test]
fn only_the_lessons_keep_an_incremental_cache() {
    let root = workspace::root();
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml"))
        .expect("the root manifest reads")
        .parse()
        .expect("the root manifest parses");
    let packages = manifest
        .get("profile")
        .and_then(|p| p.get("dev"))
        .and_then(|d| d.get("package"))
        .and_then(|p| p.as_table())
        .cloned()
        .unwrap_or_default();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    let metadata: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("metadata is JSON");
    let lessons = root.join("lessons");
    for package in metadata["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().expect("a name");
        let path = std::path::PathBuf::from(package["manifest_path"].as_str().expect("a path"));
        let incremental = packages.get(name).and_then(|p| p.get("incremental"));
        if path.starts_with(&lessons) {
            assert!(
                packages.get(name).is_none(),
                "Cargo.toml has [profile.dev.package.{name}]: a lesson keeps its incremental cache"
            );
        } else {
            assert_eq!(
                incremental.and_then(|v| v.as_bool()),
                Some(false),
                "Cargo.toml lacks [profile.dev.package.{name}] incremental = false"
            );
        }
    }
}
