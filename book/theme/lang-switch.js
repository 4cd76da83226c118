// The language switch: every page of the English book links to its twin in
// the Chinese edition (built into zh-CN/ beside it) and back, at the same
// section: both editions give a section the same id (devkit's heading_ids),
// and the link carries the fragment the reader is at when they click, not
// the one the page was opened with. Added to the menu bar by script, so
// mdBook's own page template stays as it is; the in-browser check (cargo
// course check-book-browser) makes sure the link is there, leads to a page
// that exists, and follows a jump within the page.
(function () {
    "use strict";
    var chinese = "zh-CN";
    var here = document.documentElement.lang === chinese;
    // `path_to_root` is set by mdBook on every page ("" on the front page).
    var root = new URL((typeof path_to_root === "string" && path_to_root) || "./", window.location.href);
    var page = window.location.href.split("#")[0].split("?")[0];
    var relative = page.indexOf(root.href) === 0 ? page.slice(root.href.length) : "index.html";
    if (relative === "") {
        relative = "index.html";
    }
    var twin = here ? new URL("../" + relative, root) : new URL(chinese + "/" + relative, root);
    var link = document.createElement("a");
    function follow() {
        link.href = twin.href + window.location.hash;
    }
    follow();
    // A jump within the page (a heading, the table of contents, the back
    // button) changes the hash; a click must carry the new one.
    window.addEventListener("hashchange", follow);
    link.addEventListener("click", follow);
    link.className = "lang-switch";
    link.lang = here ? "en" : chinese;
    link.hreflang = link.lang;
    link.textContent = here ? "English" : "中文";
    link.title = here ? "Read this page in English" : "阅读本页的中文版";
    link.setAttribute("aria-label", link.title);
    link.style.fontSize = "1.4rem";
    link.style.padding = "0 0.6em";
    link.style.textDecoration = "none";
    var buttons = document.querySelector(".right-buttons");
    if (buttons) {
        buttons.insertBefore(link, buttons.firstChild);
    } else {
        document.body.insertBefore(link, document.body.firstChild);
    }
})();
