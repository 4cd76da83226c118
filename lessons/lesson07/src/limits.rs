//! Step 4: the limits, each chosen on purpose.
//!
//! A server that anyone on the network can reach must decide, before the
//! first stranger connects, how much any one of them may take: how long a
//! name or a message may be, how fast one client may talk, how many may be
//! connected at once. Each limit here is a number with its reason beside
//! it, and each refusal is one line back to the client (starting with `!`),
//! never a crash and never a silent drop. `chat.rs` applies them.

use std::time::Duration;

use tokio::time::Instant;

// ANCHOR: limits
/// What one server allows. [`Limits::default`] is what `cargo run -p
/// lesson07` uses; the tests build smaller ones.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Characters (not bytes) in a name: enough for a real name, short
    /// enough that `NAME: ` never pushes the message off a phone's screen.
    pub max_name: usize,
    /// Characters in one message: a few lines of prose; longer text
    /// belongs in a paste service, not a chat room.
    pub max_message: usize,
    /// Bytes in one line or WebSocket message as it arrives, before it is
    /// even decoded: what one client can make the server buffer. A line
    /// longer than this ends the connection (after one line saying why).
    pub max_frame: usize,
    /// Messages a client may send at once, after a pause ...
    pub burst: u32,
    /// ... and then one per this long: the token bucket of [`RateLimit`].
    pub refill: Duration,
    /// Clients connected at once, both kinds together: past this, a new
    /// client is told the room is full and let go, instead of the server
    /// running out of memory or file descriptors.
    pub max_clients: usize,
    /// How long a new client has to choose a name: a connection that
    /// never sends one would otherwise hold a seat for ever, and
    /// `max_clients` silent connections would fill the room. Past this,
    /// one line says why and the connection ends.
    pub name_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_name: 20,
            max_message: 500,
            max_frame: 4096,
            burst: 5,
            refill: Duration::from_millis(500),
            max_clients: 2000,
            name_time: Duration::from_secs(30),
        }
    }
}
// ANCHOR_END: limits

// ANCHOR: check_name
/// Why a name was refused: the line the client gets back says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    Empty,
    /// Longer than `max` characters: the refusal line names the limit.
    TooLong {
        max: usize,
    },
    /// A control character, or a character that is not seen. A newline
    /// would forge a second line in every other client's window; an escape
    /// sequence would recolour or clear their terminal (`nc` shows bytes as
    /// they come). A zero-width space makes `ann\u{200B}` look exactly like
    /// `ann`; a right-to-left override makes the rest of the name read
    /// backwards.
    Unseen,
    /// `*` and `!` begin the server's own lines: a client named
    /// `* server` could say `* server: you have been kicked`.
    ServerMark,
    /// `NAME: TEXT` ends the name at its first colon, so `ann: really`
    /// saying `hi` would read as ann saying `really: hi`.
    Colon,
    Taken,
}

impl std::fmt::Display for BadName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BadName::Empty => write!(f, "! a name cannot be empty: type your name"),
            BadName::TooLong { max } => write!(f, "! a name has at most {max} characters"),
            BadName::Unseen => write!(f, "! a name cannot hold control or invisible characters"),
            BadName::ServerMark => {
                write!(
                    f,
                    "! a name cannot start with * or !: those mark the server's lines"
                )
            }
            BadName::Colon => write!(f, "! a name cannot hold a colon: messages read NAME: TEXT"),
            BadName::Taken => write!(f, "! that name is taken: try another"),
        }
    }
}

/// A character a name may not hold because it is not seen: a control
/// character, or a format character (Unicode's category Cf: zero-width
/// spaces, bidi controls, the BOM; [`lessonkit::is_invisible`]) including
/// the two joiners U+200C and U+200D, which `is_invisible` lets through
/// for running text but which, in a name, would make `ann` and
/// `ann\u{200D}` two names that look the same.
pub fn unseen(c: char) -> bool {
    c.is_control() || lessonkit::is_invisible(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The name a client asked for, trimmed, or why it cannot have it.
/// `taken` says whether a name is in use (compared without case, so
/// `Bob` cannot pose as `bob`).
pub fn check_name(
    asked: &str,
    max: usize,
    taken: impl Fn(&str) -> bool,
) -> Result<String, BadName> {
    let name = asked.trim();
    if name.is_empty() {
        Err(BadName::Empty)
    } else if name.chars().count() > max {
        Err(BadName::TooLong { max })
    } else if name.chars().any(unseen) {
        Err(BadName::Unseen)
    } else if name.starts_with(['*', '!']) {
        Err(BadName::ServerMark)
    } else if name.contains(':') {
        Err(BadName::Colon)
    } else if taken(&name.to_lowercase()) {
        Err(BadName::Taken)
    } else {
        Ok(name.to_string())
    }
}
// ANCHOR_END: check_name

/// A message's text, or the line that refuses it. Tabs are allowed; other
/// control characters (escape sequences, a stray carriage return) are not,
/// for the reason [`BadName::Unseen`] gives, and neither are the invisible
/// format characters [`lessonkit::is_invisible`] names: a right-to-left
/// override would make the rest of the line read other than its bytes in
/// everyone's window. The joiners that emoji and some scripts need
/// (U+200C, U+200D) are kept, and right-to-left text needs no control:
/// the terminal or the browser orders it.
pub fn check_message(text: &str, max: usize) -> Result<&str, String> {
    if text.chars().count() > max {
        Err(format!("! a message has at most {max} characters"))
    } else if text
        .chars()
        .any(|c| (c.is_control() && c != '\t') || lessonkit::is_invisible(c))
    {
        Err("! a message cannot hold control or invisible characters".to_string())
    } else {
        Ok(text)
    }
}

// ANCHOR: rate_limit
/// A token bucket: `burst` messages at once after a pause, then one per
/// `refill`, and no pause saves up more than `burst`. It is kept not as a
/// count of tokens but as the one instant at which the bucket will be full
/// again: each message allowed moves that instant one `refill` later, and
/// a message is allowed while it is at most `burst - 1` refills away. So
/// the sums are of whole `Duration`s, with nothing to round. Times come
/// from tokio's clock, so tests run it on the paused clock.
#[derive(Debug)]
pub struct RateLimit {
    burst: u32,
    refill: Duration,
    full_at: Instant,
}

impl RateLimit {
    pub fn new(burst: u32, refill: Duration, now: Instant) -> Self {
        RateLimit {
            burst,
            refill,
            full_at: now,
        }
    }

    /// Whether a message sent at `now` may go to the room. A refused
    /// message costs nothing, so a client that keeps trying is not
    /// punished further.
    pub fn allow(&mut self, now: Instant) -> bool {
        let Some(spare) = self.burst.checked_sub(1) else {
            return false;
        };
        if self.full_at.saturating_duration_since(now) <= self.refill * spare {
            self.full_at = self.full_at.max(now) + self.refill;
            true
        } else {
            false
        }
    }
}
// ANCHOR_END: rate_limit

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_counted_in_characters_and_unique_without_case() {
        let none = |_: &str| false;
        assert_eq!(check_name("  ann ", 20, none), Ok("ann".into()));
        assert_eq!(
            check_name("é".repeat(20).as_str(), 20, none),
            Ok("é".repeat(20))
        );
        assert_eq!(
            check_name(&"e".repeat(21), 20, none),
            Err(BadName::TooLong { max: 20 })
        );
        assert_eq!(check_name("a\x1b[2Jb", 20, none), Err(BadName::Unseen));
        assert_eq!(check_name("   ", 20, none), Err(BadName::Empty));
        assert_eq!(check_name("Bob", 20, |n| n == "bob"), Err(BadName::Taken));
    }

    /// The forgeries a name could carry: the server's marks, a colon, and
    /// characters that are not seen (a zero-width space, a joiner, a
    /// right-to-left override, the BOM, a line separator).
    #[test]
    fn names_that_would_forge_a_line_or_a_person_are_refused() {
        let none = |_: &str| false;
        for (asked, why) in [
            ("* server", BadName::ServerMark),
            ("!admin", BadName::ServerMark),
            ("ann: really", BadName::Colon),
            ("ann\u{200B}", BadName::Unseen),
            ("ann\u{200D}", BadName::Unseen),
            ("b\u{202E}ob", BadName::Unseen),
            ("\u{FEFF}ann", BadName::Unseen),
            ("a\u{2028}b", BadName::Unseen),
        ] {
            assert_eq!(check_name(asked, 20, none), Err(why), "the name {asked:?}");
        }
        // A mark after the first character cannot pass for the server's.
        assert_eq!(check_name("ann*", 20, none), Ok("ann*".into()));
        assert_eq!(check_name("Zoë 李 👍", 20, none), Ok("Zoë 李 👍".into()));
    }

    #[test]
    fn messages_keep_tabs_and_refuse_escapes() {
        assert_eq!(check_message("a\tb", 10), Ok("a\tb"));
        assert!(check_message("\x1b[31mred", 100).is_err());
        assert!(check_message("\u{202E}kcik", 100).is_err());
        assert!(check_message("a\u{200B}b", 100).is_err());
        // Emoji sequences and Persian's non-joiner are text, kept.
        assert!(check_message("👩\u{200D}👧 می\u{200C}خواهم", 100).is_ok());
        assert!(check_message(&"x".repeat(11), 10).is_err());
    }

    #[test]
    fn the_bucket_allows_a_burst_then_one_per_refill() {
        let start = Instant::now();
        let mut limit = RateLimit::new(3, Duration::from_secs(1), start);
        assert_eq!(
            (0..4).map(|_| limit.allow(start)).collect::<Vec<_>>(),
            [true, true, true, false]
        );
        assert!(limit.allow(start + Duration::from_secs(1)));
        assert!(!limit.allow(start + Duration::from_secs(1)));
        // A long pause earns no more than a burst.
        let later = start + Duration::from_secs(100);
        assert_eq!((0..4).filter(|_| limit.allow(later)).count(), 3);
    }
}
