//! Why one URL failed, in one line: lesson 03's `wget` errors, and how a
//! reqwest error is sorted into one of them.

use std::fmt;
use std::time::Duration;

/// Why one URL failed: one line each, and the others carry on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// Not a URL at all, or one reqwest cannot send.
    BadUrl(String),
    /// An `https://` URL in a build without the `https` feature.
    HttpsNotBuilt,
    /// A redirect to this `https://` URL, in a build without the feature.
    RedirectedToHttps(String),
    /// A scheme other than http and https.
    UnsupportedScheme(String),
    /// No connection: refused, unreachable, or the name did not resolve.
    Connect(String),
    /// Connected, but what came back was not an HTTP answer.
    NotHttp(String),
    /// The whole fetch, body included, took longer than this.
    TimedOut(Duration),
    /// Anything else reqwest reported (a TLS failure, say).
    Other(String),
}

// ANCHOR: https_message
impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(why) => write!(f, "bad URL: {why}"),
            FetchError::HttpsNotBuilt => write!(
                f,
                "https needs TLS, which this build leaves out; turn on the lesson's \
                 `https` feature: cargo run -p lesson03 --features https -- URL..."
            ),
            FetchError::RedirectedToHttps(to) => write!(
                f,
                "redirected to {to}; following it needs TLS: cargo run -p lesson03 \
                 --features https -- URL..."
            ),
            FetchError::UnsupportedScheme(s) => {
                write!(f, "unsupported scheme {s:?}: only http and https")
            }
            FetchError::Connect(why) => write!(f, "could not connect: {why}"),
            FetchError::NotHttp(why) => write!(f, "the answer was not HTTP: {why}"),
            FetchError::TimedOut(after) => write!(f, "timed out after {after:?}"),
            FetchError::Other(why) => write!(f, "{why}"),
        }
    }
}
// ANCHOR_END: https_message

impl std::error::Error for FetchError {}

/// Sorts a reqwest error into one of ours, keeping the innermost cause's
/// words ("Connection refused (os error 111)", "invalid HTTP version
/// parsed"), which say more than reqwest's outer "error sending request".
pub(crate) fn classify(e: reqwest::Error) -> FetchError {
    let mut cause: &dyn std::error::Error = &e;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    let why = cause.to_string();
    if e.is_builder() {
        FetchError::BadUrl(why)
    } else if e.is_connect() {
        FetchError::Connect(why)
    } else if e.is_timeout() {
        FetchError::Other(format!("reqwest timed out: {why}"))
    } else if e.is_request() || e.is_body() || e.is_decode() {
        // Connected and sent the request; the answer could not be read as
        // HTTP (hyper's parser refused it, or the peer hung up instead).
        FetchError::NotHttp(why)
    } else {
        FetchError::Other(why)
    }
}
