//! Checks of the built book that mdBook does not make itself.
//!
//! mdBook reports a missing `{{#include}}` file, but an anchor that is
//! misspelled or a link to a page or heading that does not exist leaves only
//! a broken page behind. After `mdbook build book`, this reads every page of
//! `book/build` and reports:
//! - any `{{#` left in a page: an include or other directive mdBook did not
//!   resolve;
//! - any link to another page of the book that does not exist, or to a
//!   `#fragment` that the target page has no `id` for;
//! - (from the sources) any `{{#include FILE:ANCHOR}}` whose anchor is not in
//!   the file: mdBook includes nothing for it, without a word;
//! - any id of an English page missing on its Chinese twin, where the
//!   language switch would drop the reader at the top.
//!
//! In headless Chromium ([`check_in_browser`]) it also checks what only a
//! browser shows: highlighting, the search box (Chinese words included), the
//! language switch keeping the section, and Chinese drawn in a real font.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// Every `{{#include FILE:ANCHOR}}` in the book's sources names a file that
/// exists and an anchor that file has. mdBook reports a missing file, but a
/// missing anchor silently includes nothing.
pub fn check_includes(src: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for page in files_with(src, "md")? {
        let text =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let name = page
            .strip_prefix(src)
            .unwrap_or(&page)
            .display()
            .to_string();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("{{#") {
            rest = &rest[at + 3..];
            let Some(end) = rest.find("}}") else { break };
            let directive = &rest[..end];
            rest = &rest[end..];
            let Some(arg) = directive
                .strip_prefix("include ")
                .or_else(|| directive.strip_prefix("rustdoc_include "))
                .or_else(|| directive.strip_prefix("exercise "))
            else {
                continue;
            };
            let (file, anchor) = arg.trim().split_once(':').unwrap_or((arg.trim(), ""));
            let path = page.parent().unwrap_or(src).join(file);
            let Ok(source) = std::fs::read_to_string(&path) else {
                problems.push(format!("{name}: includes {file}, which does not exist"));
                continue;
            };
            let is_range =
                anchor.is_empty() || anchor.chars().all(|c| c.is_ascii_digit() || c == ':');
            if !is_range {
                let has = |marker: &str| {
                    source.lines().any(|l| {
                        l.split_once(marker)
                            .is_some_and(|(_, n)| n.trim() == anchor)
                    })
                };
                if !has("ANCHOR:") || !has("ANCHOR_END:") {
                    problems.push(format!(
                        "{name}: includes {file}:{anchor}, but that file has no such anchor"
                    ));
                }
            }
        }
    }
    Ok(problems)
}

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

/// Opens every page of the built book in headless Chromium and checks what
/// a reader would see once the page's scripts have run: Rust and Python
/// code highlighted, no raw `{{#` directive, and the search box finding
/// each chapter by a word of its title.
pub fn check_in_browser(build: &Path, chromium: &Path) -> Result<Vec<String>, String> {
    // A `..` left in a file:// URL confuses the page's scripts.
    let build = &build
        .canonicalize()
        .map_err(|e| format!("{}: {e}", build.display()))?;
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in html_files(build)? {
        let name = page
            .strip_prefix(build)
            .unwrap_or(&page)
            .display()
            .to_string();
        if ["print.html", "toc.html", "404.html"].contains(&name.as_str())
            || page.starts_with(build.join(CHINESE))
        {
            continue;
        }
        let dom = render(chromium, &format!("file://{}", page.display()))?;
        checked += 1;
        problems.extend(check_switch(&name, &page, &dom));
        problems.extend(check_rendered(&name, &dom));
        // A chapter's page is found by searching for a word of its title.
        if name.ends_with("/index.html") {
            let Some(word) = title_word(&dom) else {
                problems.push(format!("{name}: no <h1> title"));
                continue;
            };
            let found = search(chromium, build, &word)?;
            let target = name.trim_end_matches("index.html");
            if !found.iter().any(|href| href.starts_with(target)) {
                problems.push(format!(
                    "{name}: searching for {word:?} does not find this chapter"
                ));
            }
        }
    }
    if checked == 0 {
        problems.push("no page was checked".into());
    }
    problems.extend(check_chinese_in_browser(build, chromium)?);
    problems.extend(check_switch_follows(build, chromium)?);
    problems.extend(check_chinese_glyphs(build, chromium)?);
    Ok(problems)
}

/// The page whose language switch is followed through a jump.
const JUMP_PAGE: &str = "lesson01/index.html";

/// In both directions, the language switch carries the section the reader
/// has jumped to since the page loaded, and that section is on the twin
/// page: a copy of chapter 1 with a jump to its second heading, made by
/// script once the page has loaded, is opened in Chromium, and the
/// switch's link must end in that heading's id.
fn check_switch_follows(build: &Path, chromium: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let zh = build.join(CHINESE);
    for (from, to) in [
        (build.to_path_buf(), zh.clone()),
        (zh.clone(), build.to_path_buf()),
    ] {
        let page = from.join(JUMP_PAGE);
        let html =
            std::fs::read_to_string(&page).map_err(|e| format!("{}: {e}", page.display()))?;
        let Some(id) = crate::heading_ids::heading_ids(&html).into_iter().nth(1) else {
            problems.push(format!("{}: has fewer than two headings", page.display()));
            continue;
        };
        let jump = format!("setTimeout(function () {{ window.location.hash = \"#{id}\"; }}, 500);");
        let link = switch_link(&render_with(chromium, &page, &jump)?);
        let name = page
            .strip_prefix(build)
            .unwrap_or(&page)
            .display()
            .to_string();
        if !link.ends_with(&format!("#{id}")) {
            problems.push(format!(
                "{name}: after a jump to #{id}, the language switch leads to {link:?}, without it"
            ));
        }
        let twin = to.join(JUMP_PAGE);
        let twin_html =
            std::fs::read_to_string(&twin).map_err(|e| format!("{}: {e}", twin.display()))?;
        if !twin_html.contains(&format!(" id=\"{id}\"")) {
            problems.push(format!("{}: has no id {id:?}", twin.display()));
        }
    }
    Ok(problems)
}

/// The DOM of the built `page` with `script` run after its own scripts, as
/// headless Chromium dumps it: a copy of the page with the script added is
/// written beside it (so that its relative links and scripts resolve),
/// rendered, and removed.
fn render_with(chromium: &Path, page: &Path, script: &str) -> Result<String, String> {
    let html = std::fs::read_to_string(page).map_err(|e| format!("{}: {e}", page.display()))?;
    let copy = page.with_file_name("check-with-script.html");
    let with = html.replacen("</body>", &format!("<script>{script}</script></body>"), 1);
    std::fs::write(&copy, with).map_err(|e| format!("{}: {e}", copy.display()))?;
    let dom = render(chromium, &format!("file://{}", copy.display()));
    std::fs::remove_file(&copy).map_err(|e| format!("{}: {e}", copy.display()))?;
    dom
}

/// Draws two different Chinese characters in the font of the page's text
/// and writes into `<body data-cjk-glyphs>` whether they came out
/// `distinct` (a font has them), the `same` (both drawn as the missing-glyph
/// box, "tofu") or `empty`. Every glyph a font lacks is drawn as the same
/// box, so two characters that rasterise alike is the robust sign of a
/// missing font, whatever its box looks like or how wide it is.
const CJK_GLYPHS: &str = r#"document.fonts.ready.then(function () {
    var family = getComputedStyle(document.querySelector("main") || document.body).fontFamily;
    var canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 64;
    var ctx = canvas.getContext("2d");
    function pixels(c) {
        ctx.clearRect(0, 0, 64, 64);
        ctx.font = "48px " + family;
        ctx.textBaseline = "top";
        ctx.fillText(c, 4, 4);
        var data = ctx.getImageData(0, 0, 64, 64).data;
        var bits = "";
        for (var i = 3; i < data.length; i += 4) {
            bits += data[i] > 127 ? "1" : "0";
        }
        return bits;
    }
    var a = pixels("协"), b = pixels("程");
    document.body.setAttribute("data-cjk-glyphs",
        a.indexOf("1") < 0 || b.indexOf("1") < 0 ? "empty" : a === b ? "same" : "distinct");
});"#;

/// The page, in each edition, whose Chinese is looked at in the browser.
const GLYPH_PAGE: &str = "lesson01/index.html";

/// Chinese renders in a real font in both editions (the English one quotes
/// the note in Chinese), not as empty boxes: see [`CJK_GLYPHS`]. Without a
/// CJK font (on Debian, `fonts-noto-cjk`; `.ci/run` installs it) this fails.
pub fn check_chinese_glyphs(build: &Path, chromium: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for edition in [build.to_path_buf(), build.join(CHINESE)] {
        let page = edition.join(GLYPH_PAGE);
        let dom = render_with(chromium, &page, CJK_GLYPHS)?;
        let seen = dom
            .split("data-cjk-glyphs=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap_or("not measured");
        if seen != "distinct" {
            let name = page
                .strip_prefix(build)
                .unwrap_or(&page)
                .display()
                .to_string();
            problems.push(format!(
                "{name}: Chinese characters render as {seen} glyphs, not in a font: \
                 is a CJK font installed (Debian: fonts-noto-cjk)?"
            ));
        }
    }
    Ok(problems)
}

/// The `href` of the language switch in a rendered page, or "".
fn switch_link(dom: &str) -> String {
    let Some(at) = dom.find("class=\"lang-switch\"") else {
        return String::new();
    };
    let start = dom[..at].rfind("<a ").unwrap_or(at);
    let tag = &dom[start..at + dom[at..].find('>').unwrap_or(0)];
    tag.split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .unwrap_or_default()
        .replace("&amp;", "&")
}

/// The pages the search box of the edition at `build` lists for `query`,
/// best first, as links relative to the edition's root (without
/// `?highlight=` and `#fragment`).
fn search(chromium: &Path, build: &Path, query: &str) -> Result<Vec<String>, String> {
    let url = format!(
        "file://{}?search={query}",
        build.join("index.html").display()
    );
    // The search index loads in the background; on a busy machine the
    // first dump can come before it is ready, so try again.
    let mut results = String::new();
    for _ in 0..3 {
        results = render(chromium, &url)?;
        if results.contains("search results for") {
            break;
        }
    }
    // mdBook 0.5 names the list `mdbook-searchresults`.
    let list = results.split("searchresults\">").nth(1).unwrap_or_default();
    let list = list.split("</ul>").next().unwrap_or_default();
    Ok(attribute_values(list, "href")
        .into_iter()
        .map(|h| h.split(['?', '#']).next().unwrap_or_default().to_string())
        .collect())
}

/// Chinese words of the glossary and the chapter that teaches each: the
/// Chinese edition's search must list that chapter among its first three
/// results (see `search.rs`: Chinese is indexed by character pairs).
const CHINESE_SEARCHES: [(&str, &str); 3] = [
    ("协程", "lesson01/index.html"),
    ("事件循环", "lesson02/index.html"),
    ("取消", "lesson03/index.html"),
];

/// The Chinese edition's folder under the build folder.
const CHINESE: &str = crate::book::CHINESE;

/// Every page of the Chinese edition (`build/zh-CN/`) in headless Chromium:
/// it renders, its code is highlighted, no raw directive is left, it links
/// back to its English twin, and no paragraph, heading, list item or table
/// cell of its prose is still in English (code excepted; see
/// [`english_paragraphs`]), and the search box finds the chapters that
/// teach three Chinese words ([`CHINESE_SEARCHES`]).
pub fn check_chinese_in_browser(build: &Path, chromium: &Path) -> Result<Vec<String>, String> {
    let zh = build.join(CHINESE);
    let mut problems = Vec::new();
    if !zh.join("index.html").is_file() {
        problems.push(format!(
            "{CHINESE}/index.html: the Chinese edition was not built (cargo course book builds both)"
        ));
        return Ok(problems);
    }
    let mut checked = 0;
    for page in html_files(&zh)? {
        let name = page
            .strip_prefix(build)
            .unwrap_or(&page)
            .display()
            .to_string();
        let file = page
            .strip_prefix(&zh)
            .unwrap_or(&page)
            .display()
            .to_string();
        if ["print.html", "toc.html", "404.html"].contains(&file.as_str()) {
            continue;
        }
        let dom = render(chromium, &format!("file://{}", page.display()))?;
        checked += 1;
        problems.extend(check_rendered(&name, &dom));
        if !dom.contains("<html lang=\"zh-CN\"") {
            problems.push(format!("{name}: not marked lang=\"{CHINESE}\""));
        }
        problems.extend(check_switch(&name, &page, &dom));
        // mdBook's own interface, put into Chinese by theme/interface-zh.js.
        for english in [
            "Search this book ...",
            "Toggle Table of Contents",
            "Next chapter",
        ] {
            if dom.contains(english) {
                problems.push(format!("{name}: mdBook's interface still says {english:?}"));
            }
        }
        // The label of a folded passage is put into Chinese by the page's script.
        if dom.contains("The note's words") {
            problems.push(format!(
                "{name}: a passage still labelled \"The note's words\""
            ));
        }
        for paragraph in english_paragraphs(&dom) {
            problems.push(format!(
                "{name}: a paragraph left in English: {paragraph:?}"
            ));
        }
    }
    if checked == 0 {
        problems.push(format!("no page of {CHINESE}/ was checked"));
    }
    for (query, chapter) in CHINESE_SEARCHES {
        let found = search(chromium, &zh, query)?;
        let mut first: Vec<&String> = Vec::new();
        for page in &found {
            if !first.contains(&page) {
                first.push(page);
            }
        }
        if !first.iter().take(3).any(|p| p.as_str() == chapter) {
            problems.push(format!(
                "{CHINESE}: searching for {query:?} does not list {chapter} among its first three pages: {first:?}"
            ));
        }
    }
    Ok(problems)
}

/// What every rendered page must show, in either language: no raw
/// directive, and every Rust and Python block highlighted.
fn check_rendered(name: &str, dom: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if dom.contains("{{#") {
        problems.push(format!("{name}: shows a raw {{{{# directive"));
    }
    let code_blocks = dom.matches("<code class=\"language-rust").count()
        + dom.matches("<code class=\"language-python").count();
    let highlighted = dom.matches(" hljs\"").count();
    if code_blocks > 0 && (highlighted < code_blocks || !dom.contains("hljs-keyword")) {
        problems.push(format!(
            "{name}: {code_blocks} code blocks but only {highlighted} highlighted"
        ));
    }
    problems
}

/// The page's language switch (added by `book/theme/lang-switch.js`) is
/// there and leads to a page that exists.
fn check_switch(name: &str, page: &Path, dom: &str) -> Option<String> {
    if !dom.contains("class=\"lang-switch\"") {
        return Some(format!("{name}: no language switch"));
    }
    let link = switch_link(dom);
    let target = link.split('#').next().unwrap_or_default();
    let twin = target
        .strip_prefix("file://")
        .map(|p| normalize(Path::new(p)));
    match twin {
        Some(twin) if twin.is_file() && twin != page => None,
        _ => Some(format!(
            "{name}: the language switch leads to {link:?}, which is not its twin"
        )),
    }
}

/// The blocks of a rendered page's prose (`<main>`: paragraphs, headings,
/// list items, table cells, summaries) that are still in English: with code
/// (`<pre>`, `<code>`), URLs and the note's own words (the quotation in a
/// `details.passage`) taken out, a block with no Chinese character and four
/// or more English words, or a block with Chinese in it that still holds a
/// run of seven English words in a row outside “Chinese quotation marks”.
pub fn english_paragraphs(dom: &str) -> Vec<String> {
    let main = dom
        .split_once("<main")
        .map(|(_, m)| m.split("</main>").next().unwrap_or(m))
        .unwrap_or(dom);
    let mut text = String::new();
    let mut rest = main;
    // Skip code entirely; turn block boundaries into line breaks.
    let mut skip_until: Option<&str> = None;
    let mut in_passage = false;
    while let Some(lt) = rest.find('<') {
        if skip_until.is_none() {
            text.push_str(&rest[..lt]);
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let tag_name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(end) = skip_until {
            if tag.starts_with('/') && tag_name == end {
                skip_until = None;
            }
            continue;
        }
        match tag_name.as_str() {
            // The note's own words, quoted as written: not the translation's.
            "blockquote" if !tag.starts_with('/') && in_passage => {
                skip_until = Some("blockquote");
            }
            "details" => {
                in_passage = !tag.starts_with('/') && tag.contains("class=\"passage\"");
                text.push('\n');
            }
            "pre" | "code" | "script" | "style" if !tag.starts_with('/') => {
                skip_until = Some(if tag_name == "pre" {
                    "pre"
                } else {
                    &tag[..tag_name.len()]
                });
            }
            "p" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "td" | "th" | "summary"
            | "blockquote" | "div" | "br" | "tr" | "ul" | "ol" | "table" => {
                text.push('\n');
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for block in text.lines() {
        let block = block
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'");
        let has_chinese = block.chars().any(is_cjk);
        // In a Chinese paragraph, English between Chinese quotation marks
        // is a quotation (of a document, an error message), glossed beside it.
        let block = if has_chinese {
            without_quotations(&block)
        } else {
            block
        };
        let mut run = 0;
        let mut longest = 0;
        let mut words = 0;
        for token in block.split_whitespace() {
            for piece in token.split_inclusive(is_cjk) {
                if piece.contains("://") {
                    run = 0;
                    continue;
                }
                let word = piece.trim_matches(|c: char| !c.is_ascii_alphanumeric());
                if word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                    words += 1;
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
                // A Chinese character ends a run of English words.
                if piece.chars().any(is_cjk) {
                    run = 0;
                }
            }
        }
        if (!has_chinese && words >= 4) || longest >= 7 {
            out.push(block.trim().chars().take(120).collect());
        }
    }
    out
}

/// `text` with whatever stands between “ and ” taken out.
fn without_quotations(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => depth += 1,
            '”' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `c` is a CJK character or a full-width Chinese punctuation mark.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
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

/// The DOM of `url` after its scripts ran, as headless Chromium dumps it.
fn render(chromium: &Path, url: &str) -> Result<String, String> {
    let profile = std::env::temp_dir().join(format!("course-chromium-{}", std::process::id()));
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=8000",
            "--timeout=30000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
    if !out.status.success() {
        return Err(format!(
            "chromium failed on {url}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The longest word of the page's first `<h1>`: distinctive enough to search for.
fn title_word(dom: &str) -> Option<String> {
    // The page's own title, not the book's (which is an <h1> in the menu bar).
    let main = dom.split("<main").nth(1)?;
    let h1 = main.split("<h1").nth(1)?;
    let text = h1.split_once('>')?.1.split("</h1>").next()?;
    let mut plain = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
        .max_by_key(|w| w.len())
        .map(str::to_lowercase)
}

fn html_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    files_with(dir, "html")
}

/// Every file under `dir` whose name ends in `.extension`.
fn files_with(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            out.extend(files_with(&path, extension)?);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// The values of every `name="…"` attribute in an HTML text. Good enough
/// for mdBook's output, which always quotes attributes with `"`.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Resolves `.` and `..` without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
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

    /// English prose is found in a Chinese page; code, URLs and Chinese are not.
    #[test]
    fn finds_english_paragraphs_but_not_code() {
        let dom = "<html><main><h1>协程</h1>\
            <p>这是一个 <code>Future</code>:它被轮询 (poll)。</p>\
            <pre><code class=\"language-rust\">// a comment in English that is long enough\n</code></pre>\
            <p>See <a href=\"x\">https://doc.rust-lang.org/std/future/trait.Future.html</a></p>\
            <p>This paragraph was never translated at all.</p>\
            <li>中文里夹着 one two three four five six seven 个英文词</li>\
            <p>文档说“this is a quotation of eight English words here”(引文)。</p>\
            <p>中文 a b cc dd 中文 ee ff gg hh 中文 ii jj kk ll mm 中文</p>\
            <details class=\"passage\"><summary>笔记原文</summary>\
            <blockquote><p>报异常了: from aiohttp import web ImportError: cannot import name</p></blockquote></details>\
            </main></html>";
        let found = english_paragraphs(dom);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(found[0].starts_with("This paragraph"), "{found:#?}");
        assert!(found[1].contains("one two"), "{found:#?}");
    }

    /// An include of a missing anchor or file is found in the sources.
    #[test]
    fn finds_includes_of_missing_anchors() {
        let dir = std::env::temp_dir().join(format!("bookcheck-src-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("code.rs"),
            "// ANCHOR: here\nfn f() {}\n// ANCHOR_END: here\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("page.md"),
            "{{#include code.rs:here}} {{#include code.rs:3:5}} {{#include code.rs:there}} {{#include gone.rs}}",
        )
        .unwrap();
        let problems = check_includes(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(problems[0].contains("code.rs:there"), "{problems:#?}");
        assert!(problems[1].contains("gone.rs"), "{problems:#?}");
    }
}
