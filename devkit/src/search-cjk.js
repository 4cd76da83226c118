// The search box, made to find Chinese (both editions: the English one
// quotes the note in Chinese). mdBook's search splits a query at spaces and
// its trimmer strips every non-ASCII character, so a Chinese query came to
// nothing. The course tool indexes each run of Chinese characters as its
// overlapping pairs (devkit/src/search.rs, `segment`); this splits the
// query the same way and lets Chinese tokens pass the English trimmer,
// stop-word filter and stemmer untouched.
//
// search.rs puts this script at the head of the search index script,
// which mdBook's searcher.js loads on the first search and then hands to
// elasticlunr: so it runs after elasticlunr is there and always before the
// index is read (as a page's additional-js it lost that race now and then).
(function () {
    "use strict";
    if (typeof elasticlunr === "undefined") {
        return;
    }
    // The same ranges as `is_han` and `is_wide_punctuation` in search.rs.
    var HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
    var SEPARATOR = /[\s\-\u3000-\u303F\uFF00-\uFFEF]+/;

    function segment(text) {
        var tokens = [];
        text.split(SEPARATOR).forEach(function (piece) {
            var word = "";
            var han = [];
            function flushWord() {
                if (word !== "") {
                    tokens.push(word.toLowerCase());
                }
                word = "";
            }
            function flushHan() {
                if (han.length === 1) {
                    tokens.push(han[0]);
                }
                for (var i = 0; i + 1 < han.length; i++) {
                    tokens.push(han[i] + han[i + 1]);
                }
                han = [];
            }
            for (var i = 0; i < piece.length; i++) {
                var c = piece.charAt(i);
                if (HAN.test(c)) {
                    flushWord();
                    han.push(c);
                } else {
                    flushHan();
                    word += c;
                }
            }
            flushWord();
            flushHan();
        });
        return tokens;
    }

    var original = elasticlunr.tokenizer;
    elasticlunr.tokenizer = function (text) {
        if (text === null || text === undefined) {
            return [];
        }
        if (Array.isArray(text)) {
            return [].concat.apply([], text.map(function (t) { return elasticlunr.tokenizer(t); }));
        }
        return segment(text.toString());
    };
    elasticlunr.tokenizer.seperator = original.seperator;
    elasticlunr.tokenizer.defaultSeperator = original.defaultSeperator;

    ["trimmer", "stopWordFilter", "stemmer"].forEach(function (name) {
        var english = elasticlunr.Pipeline.registeredFunctions[name];
        if (!english) {
            return;
        }
        var wrapped = function (token) {
            return HAN.test(token) ? token : english.apply(this, arguments);
        };
        // Quietly: registerFunction warns on the console when it replaces one.
        wrapped.label = name;
        elasticlunr.Pipeline.registeredFunctions[name] = wrapped;
    });
})();
