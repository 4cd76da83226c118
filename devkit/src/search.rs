//! The book's search, made to find Chinese.
//!
//! mdBook 0.5.4 builds its search index with elasticlunr-rs and splits text
//! into words at spaces and hyphens only; its English pipeline then trims
//! every character that is not an ASCII letter or digit from both ends of a
//! word. Chinese has no spaces, so a whole Chinese sentence became one
//! "word", then nothing: the Chinese edition's index held 34 Chinese tokens,
//! and searching 协程 found no page.
//!
//! [`reindex`] rebuilds each edition's `searchindex-*.js` after mdBook wrote
//! it, from the very documents mdBook stored in it (title, text and
//! breadcrumbs of every section), with one change: a run of Chinese
//! characters is indexed as its overlapping pairs (事件循环: 事件, 件循,
//! 循环), as Lucene's `CJKAnalyzer` does, so any word of two characters or
//! more is found without a dictionary. Everything else is split and
//! processed exactly as mdBook does. The query side, `search-cjk.js`, put at
//! the head of the index's script, splits the reader's query the same way in
//! the browser.
//!
//! Why pairs and not a segmenter: a dictionary segmenter (jieba, as
//! elasticlunr-rs's `zh` feature or Pagefind's extended build have) would
//! have to run in the browser on the query too, and would add megabytes of
//! dictionary to the learner's first `cargo course book`; pairs need 60
//! lines on each side and no new crate (elasticlunr-rs and serde_json are
//! already built for mdBook).

use std::path::Path;

use elasticlunr::lang::{English, Language};
use elasticlunr::pipeline::{Pipeline, PipelineFn};
use elasticlunr::{Index, IndexBuilder};
use serde_json::Value;

/// The query side: splits the reader's query as [`segment`] splits the
/// text, in the browser.
const QUERY_SIDE: &str = include_str!("search-cjk.js");

/// mdBook drops longer words from its index (`MAX_WORD_LENGTH_TO_INDEX`).
const MAX_WORD_BYTES: usize = 80;

/// Whether `c` is a Chinese character (CJK unified ideographs, extension A,
/// compatibility ideographs). The same ranges as `search-cjk.js`'s `HAN`:
/// index and query must agree.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Chinese punctuation and full-width forms: a boundary between words, like
/// a space.
fn is_wide_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// The search tokens of `text`: mdBook's (split at whitespace and `-`,
/// lower-cased, longer than 80 bytes dropped) for everything but Chinese,
/// and each run of Chinese characters as its overlapping pairs (a lone
/// character as itself). Chinese punctuation separates, like a space.
///
/// `segment("Future 是事件循环")` is `["future", "是事", "事件", "件循", "循环"]`.
pub fn segment(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let flush_word = |word: &mut String, tokens: &mut Vec<String>| {
        if !word.is_empty() && word.len() <= MAX_WORD_BYTES {
            tokens.push(word.to_lowercase());
        }
        word.clear();
    };
    let flush_han = |han: &mut Vec<char>, tokens: &mut Vec<String>| {
        match han.len() {
            0 => {}
            1 => tokens.push(han[0].to_string()),
            _ => tokens.extend(han.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        han.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || c == '-' || is_wide_punctuation(c) {
            flush_word(&mut word, &mut tokens);
            flush_han(&mut han, &mut tokens);
        } else if is_han(c) {
            flush_word(&mut word, &mut tokens);
            han.push(c);
        } else {
            flush_han(&mut han, &mut tokens);
            word.push(c);
        }
    }
    flush_word(&mut word, &mut tokens);
    flush_han(&mut han, &mut tokens);
    tokens
}

/// Rebuilds the search index mdBook wrote into the built edition at
/// `build` (`searchindex-HASH.js`, under the same name: the pages load it
/// by that name) with Chinese indexed by [`segment`]. Returns the number of
/// sections indexed.
///
/// Errors: no `searchindex-*.js` in `build`, or one that is not the shape
/// mdBook 0.5.4 writes (`window.search = Object.assign(window.search,
/// JSON.parse('…'));` with documents stored).
pub fn reindex(build: &Path) -> Result<usize, String> {
    let file = std::fs::read_dir(build)
        .map_err(|e| format!("{}: {e}", build.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("searchindex") && n.ends_with(".js"))
        })
        .ok_or_else(|| format!("{}: no searchindex*.js to rebuild", build.display()))?;
    let bad = |what: &str| format!("{}: {what}", file.display());
    let script = std::fs::read_to_string(&file).map_err(|e| bad(&e.to_string()))?;
    let (head, tail) = (
        "window.search = Object.assign(window.search, JSON.parse('",
        "'));",
    );
    let quoted = script
        .trim_end()
        .strip_prefix(head)
        .and_then(|s| s.strip_suffix(tail))
        .ok_or_else(|| bad("not the searchindex.js mdBook 0.5.4 writes"))?;
    let mut json: Value =
        serde_json::from_str(&unquote(quoted)).map_err(|e| bad(&format!("bad JSON: {e}")))?;
    let docs = json
        .pointer("/index/documentStore/docs")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("no stored documents"))?;
    let mut refs: Vec<(usize, &str)> = docs
        .keys()
        .map(|k| k.parse().map(|n| (n, k.as_str())))
        .collect::<Result<_, _>>()
        .map_err(|_| bad("a document reference that is not a number"))?;
    refs.sort();
    let mut index = IndexBuilder::with_language(Box::new(WithChinese))
        .add_field_with_tokenizer("title", Box::new(segment))
        .add_field_with_tokenizer("body", Box::new(segment))
        .add_field_with_tokenizer("breadcrumbs", Box::new(segment))
        .build();
    for (_, key) in &refs {
        let doc = &docs[*key];
        let field = |name: &str| doc.get(name).and_then(Value::as_str).unwrap_or_default();
        index.add_doc(key, [field("title"), field("body"), field("breadcrumbs")]);
    }
    let count = refs.len();
    json["index"] = to_value(&index).map_err(|e| bad(&e))?;
    let text = serde_json::to_string(&json).map_err(|e| bad(&e.to_string()))?;
    // Quoted as mdBook quotes it (see `mdbook-html`'s search.rs), after
    // the query side (see search-cjk.js for why it is here).
    let script = format!(
        "{QUERY_SIDE}\n{head}{}{tail}",
        text.replace('\\', "\\\\").replace('\'', "\\'")
    );
    std::fs::write(&file, script).map_err(|e| bad(&e.to_string()))?;
    Ok(count)
}

fn to_value(index: &Index) -> Result<Value, String> {
    serde_json::to_value(index).map_err(|e| e.to_string())
}

/// Undoes mdBook's quoting of the JSON inside `'…'`: `\\` and `\'`.
fn unquote(quoted: &str) -> String {
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// elasticlunr's English, except that a Chinese token passes its pipeline
/// untouched: the English trimmer would strip every character of it. The
/// pipeline keeps English's function names, which the browser looks up;
/// `search-cjk.js` makes the same exception there.
struct WithChinese;

impl Language for WithChinese {
    fn name(&self) -> String {
        English::new().name()
    }
    fn code(&self) -> String {
        English::new().code()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        segment(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        let english = English::new().make_pipeline();
        Pipeline {
            queue: english
                .queue
                .into_iter()
                .map(|f| Box::new(SkipHan(f)) as Box<dyn PipelineFn>)
                .collect(),
        }
    }
}

struct SkipHan(Box<dyn PipelineFn>);

impl PipelineFn for SkipHan {
    fn name(&self) -> String {
        self.0.name()
    }
    fn filter(&self, token: String) -> Option<String> {
        if token.chars().any(is_han) {
            Some(token)
        } else {
            self.0.filter(token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Chinese runs become overlapping pairs; English words stay mdBook's.
    #[test]
    fn chinese_is_indexed_by_pairs_and_english_by_words() {
        assert_eq!(
            segment("Future 是事件循环"),
            ["future", "是事", "事件", "件循", "循环"]
        );
        assert_eq!(
            segment("取消。协程，poll-able"),
            ["取消", "协程", "poll", "able"]
        );
        assert_eq!(segment("用tokio的spawn"), ["用", "tokio", "的", "spawn"]);
        assert_eq!(segment("a".repeat(81).as_str()), Vec::<String>::new());
    }

    /// A searchindex.js as mdBook writes it is read back, reindexed, and
    /// holds the Chinese pairs with the English words stemmed as before.
    #[test]
    fn reindexes_a_searchindex_as_mdbook_writes_it() {
        let dir = std::env::temp_dir().join(format!("search-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut old = IndexBuilder::new()
            .add_field("title")
            .add_field("body")
            .add_field("breadcrumbs")
            .build();
        old.add_doc(
            "0",
            ["协程", "协程是可以暂停的函数 it's running", "第 1 章"],
        );
        let json = serde_json::json!({"doc_urls": ["a.html#x"], "index": old});
        let text = serde_json::to_string(&json).unwrap();
        std::fs::write(
            dir.join("searchindex-0123.js"),
            format!(
                "window.search = Object.assign(window.search, JSON.parse('{}'));",
                text.replace('\\', "\\\\").replace('\'', "\\'")
            ),
        )
        .unwrap();
        let n = reindex(&dir).unwrap();
        let script = std::fs::read_to_string(dir.join("searchindex-0123.js")).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(n, 1);
        // elasticlunr stores its index as a trie, one character a level.
        for token in [
            "\"协\":{\"df\":0,\"docs\":{},\"程\"",
            "\"暂\":{\"df\":0,\"docs\":{},\"停\"",
            "\"u\":{\"df\":0,\"docs\":{},\"n\":{\"df\":1",
            "it\\'s running",
        ] {
            assert!(script.contains(token), "{token} not in {script}");
        }
    }
}
