//! Every page in headless Chromium, after its scripts have run: code
//! highlighted, search finding each chapter (and Chinese words in the
//! Chinese edition), the language switch keeping the section, Chinese drawn
//! in a real font.

use super::*;

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
