//! Text a peer sent, made safe to print on a terminal or in a log.

// ANCHOR: printable
/// `text` with every character that could act on a terminal, or hide what
/// a line says, written as a Rust escape such as `\u{1b}` or `\n`, never
/// raw:
///
/// - control characters (C0, DEL, C1: [`char::is_control`]): a terminal
///   takes them as commands, and ESC begins sequences that set the window's
///   title, move the cursor or clear the screen;
/// - the bidirectional controls (U+202A to U+202E, U+2066 to U+2069, and
///   the marks U+200E, U+200F, U+061C), which reorder what follows them on
///   screen, so that a line reads other than its bytes (the "Trojan Source"
///   attack, CVE-2021-42574);
/// - other invisible format characters ([`is_invisible`]), which can hide
///   text inside a line, and the line and paragraph separators.
///
/// Everything else, every script and emoji, is kept as it is.
pub fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_invisible(c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}
// ANCHOR_END: printable

/// Bytes from the network, decoded lossily (a byte that is not UTF-8
/// becomes U+FFFD), then made [`printable`].
pub fn printable_bytes(bytes: &[u8]) -> String {
    printable(&String::from_utf8_lossy(bytes))
}

/// The invisible format characters [`printable`] escapes: Unicode's
/// category Cf (format) from Unicode 16's `UnicodeData.txt`, less the
/// zero-width non-joiner and joiner (U+200C, U+200D), which Persian, the
/// Indic scripts and emoji sequences need to show correctly, plus the line
/// and paragraph separators (U+2028, U+2029), which some terminals and
/// editors break lines at.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                    // soft hyphen
        | '\u{0600}'..='\u{0605}'     // Arabic number signs
        | '\u{061C}'                  // Arabic letter mark (bidi)
        | '\u{06DD}' | '\u{070F}' | '\u{0890}' | '\u{0891}' | '\u{08E2}'
        | '\u{180E}'                  // Mongolian vowel separator
        | '\u{200B}'                  // zero-width space
        | '\u{200E}' | '\u{200F}'     // left-to-right and right-to-left marks
        | '\u{2028}' | '\u{2029}'     // line and paragraph separators
        | '\u{202A}'..='\u{202E}'     // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
        | '\u{2066}'..='\u{206F}'     // bidi isolates, deprecated formats
        | '\u{FEFF}'                  // zero-width no-break space (BOM)
        | '\u{FFF9}'..='\u{FFFB}'     // interlinear annotations
        | '\u{110BD}' | '\u{110CD}' | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}' // tags: invisible ASCII
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// C0 (ESC, BEL, newline), DEL and C1 (CSI) are escaped; text is kept.
    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            printable("\u{1b}[2J\u{7}\u{7f}\u{9b}31m\nforged"),
            "\\u{1b}[2J\\u{7}\\u{7f}\\u{9b}31m\\nforged"
        );
        assert_eq!(printable("/hello/世界 café 👍"), "/hello/世界 café 👍");
    }

    /// A right-to-left override cannot reorder the line on screen, nor an
    /// isolate, a mark or a zero-width space hide inside it.
    #[test]
    fn bidi_controls_and_invisible_characters_are_escaped() {
        let hostile = "admin\u{202E}gnp.exe \u{2066}x\u{2069}\u{200F}a\u{200B}b\u{FEFF}\u{E0041}";
        let shown = printable(hostile);
        assert_eq!(
            shown,
            "admin\\u{202e}gnp.exe \\u{2066}x\\u{2069}\\u{200f}a\\u{200b}b\\u{feff}\\u{e0041}"
        );
        assert!(shown.is_ascii(), "nothing invisible is left in {shown:?}");
        // The joiners that scripts and emoji need are kept.
        let family = "👩\u{200D}👧 می\u{200C}خواهم";
        assert_eq!(printable(family), family);
    }

    /// Bytes that are not UTF-8 become U+FFFD, then the rest applies.
    #[test]
    fn bytes_are_decoded_lossily() {
        assert_eq!(
            printable_bytes(b"\tC1:\xc2\x9b caf\xe9 \xe4\xb8\xad"),
            "\\tC1:\\u{9b} caf\u{FFFD} 中"
        );
    }
}
