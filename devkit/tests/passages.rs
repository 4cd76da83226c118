//! The book translates the whole note: every passage of `seed/notes.zh.txt`
//! appears in the book exactly once, in its collapsed block, with its
//! original words. The ids come from the passage table in `seed/README.md`,
//! so a passage added there and forgotten here fails this test.

use std::collections::BTreeMap;
use std::path::Path;

use course::workspace;

/// Which lines of `notes.zh.txt` (counting from 0) make up each passage.
/// The note's code (C1–C3) lost its line breaks; the book may show the
/// re-indented file from `seed/` instead of the one long line.
const PASSAGES: &[(&str, &[usize])] = &[
    ("T", &[0]),
    ("P1", &[3]),
    ("P2", &[5]),
    ("R1", &[6, 7, 8]),
    ("P3", &[11]),
    ("P4", &[13]),
    ("C1", &[14]),
    ("C2", &[15]),
    ("P5", &[17]),
    ("R2", &[18, 19]),
    ("P6", &[21]),
    ("P7", &[22]),
    ("C3", &[23]),
    ("P8", &[24, 25, 26]),
    ("P9", &[27]),
];

/// The re-indented seed file that may stand for a code passage.
fn seed_file(id: &str) -> Option<&'static str> {
    match id {
        "C1" => Some("seed/hello.py"),
        "C2" => Some("seed/wget.py"),
        "C3" => Some("seed/aiohttp_server.py"),
        _ => None,
    }
}

/// The passage ids of the table in `seed/README.md`.
fn ids_in_readme(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter_map(|l| l.strip_prefix('|'))
        .filter_map(|l| l.split('|').next())
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty() && id != "id" && !id.starts_with('-'))
        .collect()
}

fn markdown_pages(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_pages(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn normalize(s: &str) -> String {
    s.lines()
        .map(|l| l.trim().trim_start_matches('>').trim())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every passage id of the seed's table has one block in the book, quoting it.
#[test]
fn every_passage_appears_once_with_its_original_words() {
    let root = workspace::root();
    let readme = std::fs::read_to_string(root.join("seed/README.md")).unwrap();
    let notes = std::fs::read_to_string(root.join("seed/notes.zh.txt")).unwrap();
    let lines: Vec<&str> = notes.lines().collect();
    let known: BTreeMap<&str, &[usize]> = PASSAGES.iter().copied().collect();
    let ids = ids_in_readme(&readme);
    assert_eq!(
        ids.iter().map(String::as_str).collect::<Vec<_>>(),
        PASSAGES.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        "seed/README.md's passage table and this test's list disagree"
    );

    let mut pages = Vec::new();
    markdown_pages(&root.join("book/src"), &mut pages);
    let mut problems = Vec::new();
    for id in &ids {
        let opening = format!("<details class=\"passage\" id=\"passage-{id}\">");
        let opening = opening.as_str();
        let blocks: Vec<(&str, &str)> = pages
            .iter()
            .flat_map(|(name, text)| {
                text.match_indices(&opening).map(move |(at, _)| {
                    let rest = &text[at + opening.len()..];
                    (
                        name.as_str(),
                        &rest[..rest.find("</details>").unwrap_or(rest.len())],
                    )
                })
            })
            .collect();
        let [(page, block)] = blocks.as_slice() else {
            problems.push(format!(
                "passage {id}: {} blocks in the book, expected 1",
                blocks.len()
            ));
            continue;
        };
        let block = normalize(block);
        let shown_as_file =
            seed_file(id).is_some_and(|f| block.contains("{{#include") && block.contains(f));
        for &n in known[id.as_str()] {
            let original = lines[n].trim_start_matches("- ");
            if !block.contains(&normalize(original)) && !shown_as_file {
                problems.push(format!(
                    "passage {id} in {page} does not quote the note's line {:?}",
                    lines[n]
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
