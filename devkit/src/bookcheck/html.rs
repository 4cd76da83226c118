//! The built pages read with a real HTML tokenizer (html5ever's, which
//! mdBook's own HTML renderer already compiles), not by searching the text:
//! entities come back decoded, and attributes however they are quoted.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// One piece of a page, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// `<name attr="value" …>`, the name in lower case.
    Open {
        name: String,
        attributes: Vec<(String, String)>,
    },
    /// `</name>`.
    Close { name: String },
    /// Text, entities decoded.
    Text(String),
}

impl Piece {
    /// The value of attribute `name`, on an opening tag that has it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        match self {
            Piece::Open { attributes, .. } => attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Collect(RefCell<Vec<Piece>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let piece = match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                match tag.kind {
                    TagKind::StartTag => Piece::Open {
                        name,
                        attributes: tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect(),
                    },
                    TagKind::EndTag => Piece::Close { name },
                }
            }
            Token::CharacterTokens(text) => Piece::Text(text.to_string()),
            _ => return TokenSinkResult::Continue,
        };
        let mut pieces = self.0.borrow_mut();
        // The tokenizer hands text over in runs; one piece per run of text.
        match (pieces.last_mut(), &piece) {
            (Some(Piece::Text(before)), Piece::Text(more)) => before.push_str(more),
            _ => pieces.push(piece),
        }
        TokenSinkResult::Continue
    }
}

/// Every tag and text of `html`, in order.
pub fn pieces(html: &str) -> Vec<Piece> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The values of every `name` attribute in `html`, decoded.
pub fn attribute_values(html: &str, name: &str) -> Vec<String> {
    pieces(html)
        .iter()
        .filter_map(|p| p.attribute(name).map(str::to_string))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Attributes however quoted, entities decoded, text in runs.
    #[test]
    fn tags_attributes_and_text() {
        let html = "<p id=a class='x'>Tom &amp; <b>Jerry</b></p><a href=../b.html#c>x</a>";
        assert_eq!(attribute_values(html, "id"), ["a"]);
        assert_eq!(attribute_values(html, "href"), ["../b.html#c"]);
        let texts: Vec<_> = pieces(html)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["Tom & ", "Jerry", "x"]);
    }
}
