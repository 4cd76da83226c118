// mdBook's own interface in the Chinese edition: its page template and
// search script are mdBook's and speak English (the search box, the menu
// buttons, the theme names, the search results' count, the 404 page). On
// pages of the Chinese edition (<html lang="zh-CN">) this puts their
// Chinese in place; English pages are left as they are. The words follow
// the glossary of the book (book/src/glossary.md) where it has them.
(function () {
    "use strict";
    if (document.documentElement.lang !== "zh-CN") {
        return;
    }
    var words = {
        "Search this book ...": "搜索本书……",
        "Toggle Table of Contents": "显示或隐藏目录",
        "Table of contents": "目录",
        "Search (`/`)": "搜索（快捷键 `/`）",
        "Toggle Searchbar": "显示或隐藏搜索栏",
        "Print this book": "打印本书",
        "Change theme": "更换主题",
        "Themes": "主题",
        "Previous chapter": "上一章",
        "Next chapter": "下一章",
        "Page navigation": "翻页",
        "Copy to clipboard": "复制到剪贴板",
        "Auto": "自动",
        "Light": "浅色",
        "Coal": "煤黑",
        "Navy": "海军蓝",
        "Document not found (404)": "找不到这一页（404）",
        "This URL is invalid, sorry. Please use the navigation bar or search to continue.":
            "这个网址无效，抱歉。请用导航栏或搜索继续阅读。"
    };
    function attributes() {
        ["title", "aria-label", "placeholder"].forEach(function (name) {
            document.querySelectorAll("[" + name + "]").forEach(function (el) {
                var zh = words[el.getAttribute(name)];
                if (zh) {
                    el.setAttribute(name, zh);
                }
            });
        });
    }
    attributes();
    // mdBook adds the code blocks' copy buttons once the page has loaded.
    window.addEventListener("load", attributes);
    // Text that is the whole content of an element: theme names, the 404
    // page's heading (inside its link) and paragraph.
    document.querySelectorAll(".theme, main h1 a, main p").forEach(function (el) {
        var zh = words[el.textContent.trim()];
        if (zh && el.children.length === 0) {
            el.textContent = zh;
        }
    });
    // The glossary: a Chinese term is not broken across lines, and the list
    // of words not to use breaks only between words.
    if (/(^|\/)glossary\.html$/.test(window.location.pathname)) {
        document.querySelectorAll("main table tr").forEach(function (row) {
            if (row.cells.length > 2) {
                row.cells[1].style.whiteSpace = "nowrap";
                row.cells[2].style.wordBreak = "keep-all";
            }
        });
    }
    // The count of search results, which mdBook's search script writes
    // each time the reader types: "3 search results for 'x':".
    var header = document.getElementById("mdbook-searchresults-header");
    if (header) {
        var busy = false;
        new MutationObserver(function () {
            if (busy) {
                return;
            }
            var text = header.textContent;
            var many = /^(\d+) search results? for '(.*)':$/.exec(text);
            var none = /^No search results for '(.*)'\.$/.exec(text);
            busy = true;
            if (many) {
                header.textContent = "“" + many[2] + "”的搜索结果：" + many[1] + " 条";
            } else if (none) {
                header.textContent = "没有找到“" + none[1] + "”。";
            }
            busy = false;
        }).observe(header, { childList: true, characterData: true, subtree: true });
    }
})();
