//! The built pages, read as HTML: no directive left unresolved, no link
//! to a page or `#fragment` that does not exist, and both editions with the
//! same pages and the same section ids.

use super::*;

/// Every problem found in the built book at `build`, one line each.
pub fn check(build: &Path) -> Result<Vec<String>, String> {
    let pages = html_files(build)?;
    if !pages.iter().any(|p| p.ends_with("index.html")) {
        return Err(format!(
            "{} has no index.html: build the book first",
            build.display()
        ));
    }
    let mut ids: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut texts = Vec::new();
    for page in &pages {
        let text = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
        ids.insert(
            page.clone(),
            attribute_values(&text, "id").into_iter().collect(),
        );
        texts.push((page.clone(), text));
    }
    let mut problems = Vec::new();
    for (page, text) in &texts {
        let name = page
            .strip_prefix(build)
            .unwrap_or(page)
            .display()
            .to_string();
        // The search index and print page repeat every page; check each page once.
        if page.ends_with("print.html") || page.ends_with("toc.html") {
            continue;
        }
        if let Some(at) = text.find("{{#") {
            let snippet: String = text[at..].chars().take(60).collect();
            problems.push(format!("{name}: unresolved directive {snippet:?}"));
        }
        for href in attribute_values(text, "href") {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            let (path, fragment) = href.split_once('#').unwrap_or((&href, ""));
            let target = if path.is_empty() {
                page.clone()
            } else {
                normalize(&page.parent().unwrap_or(build).join(path))
            };
            if !target.exists() {
                problems.push(format!("{name}: link to {href:?}, which does not exist"));
            } else if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let known = ids.get(&target).is_some_and(|ids| ids.contains(fragment));
                if !known {
                    problems.push(format!(
                        "{name}: link to {href:?}, but that page has no id {fragment:?}"
                    ));
                }
            }
        }
    }
    Ok(problems)
}

/// Every page of the English book has its twin in the Chinese edition, and
/// the other way round: the language switch on every page leads somewhere.
pub fn check_editions(build: &Path) -> Result<Vec<String>, String> {
    let zh = build.join(CHINESE);
    if !zh.join("index.html").is_file() {
        return Ok(vec![format!(
            "{CHINESE}/index.html: the Chinese edition was not built (cargo course book builds both)"
        )]);
    }
    let relative = |base: &Path, pages: Vec<PathBuf>| -> HashSet<PathBuf> {
        pages
            .into_iter()
            .filter_map(|p| p.strip_prefix(base).ok().map(Path::to_path_buf))
            .collect()
    };
    let english: HashSet<PathBuf> = relative(build, html_files(build)?)
        .into_iter()
        .filter(|p| !p.starts_with(CHINESE))
        .collect();
    let chinese = relative(&zh, html_files(&zh)?);
    let mut problems = Vec::new();
    let mut missing: Vec<_> = english.difference(&chinese).collect();
    missing.sort();
    for page in missing {
        problems.push(format!(
            "{}: has no Chinese twin in {CHINESE}/",
            page.display()
        ));
    }
    let mut extra: Vec<_> = chinese.difference(&english).collect();
    extra.sort();
    for page in extra {
        problems.push(format!("{CHINESE}/{}: has no English twin", page.display()));
    }
    // The language switch carries the reader's #fragment to the twin page:
    // every id of an English page must be there too (see `heading_ids`).
    let mut both: Vec<_> = english.intersection(&chinese).collect();
    both.sort();
    for page in both {
        let read = |path: PathBuf| {
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let theirs: HashSet<String> = attribute_values(&read(zh.join(page))?, "id")
            .into_iter()
            .collect();
        let missing: Vec<String> = attribute_values(&read(build.join(page))?, "id")
            .into_iter()
            .filter(|id| !theirs.contains(id))
            .collect();
        if let Some(first) = missing.first() {
            problems.push(format!(
                "{CHINESE}/{}: has no id {first:?}, which its English twin has ({} such ids)",
                page.display(),
                missing.len()
            ));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with a good link, a dead link, a dead fragment and a leftover include.
    #[test]
    fn finds_dead_links_and_leftover_directives() {
        let dir = std::env::temp_dir().join(format!("bookcheck-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            r#"<h1 id="top">x</h1><a href="sub/a.html#here">ok</a>"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("sub/a.html"),
            r#"<p id="here">{{#include missing.rs}}</p><a href="../index.html#nowhere">x</a><a href="gone.html">y</a>"#,
        )
        .unwrap();
        let problems = check(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems.iter().any(|p| p.contains("unresolved directive")));
        assert!(problems.iter().any(|p| p.contains("no id \"nowhere\"")));
        assert!(problems.iter().any(|p| p.contains("gone.html")));
    }
}
