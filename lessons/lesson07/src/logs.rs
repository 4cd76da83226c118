//! Structured logs, quiet by default: nothing is logged unless `RUST_LOG`
//! names what to show (`RUST_LOG=lesson07=info`, or `=debug`, or `info`
//! for every crate). Each client's lines carry its span (`client{via=tcp
//! peer=127.0.0.1:50412}`), so one conversation can be followed among a
//! thousand. The chapter does not show this module: it is set-up, not the
//! lesson.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Logs to standard error as `RUST_LOG` asks, or not at all when it is
/// unset or empty. The error is one line: a `RUST_LOG` that does not parse.
pub fn init() -> Result<(), String> {
    let spec = std::env::var("RUST_LOG").unwrap_or_default();
    if spec.trim().is_empty() {
        return Ok(());
    }
    // `Targets`: `target=level` pairs, the common form of RUST_LOG, parsed
    // without the regular expressions of the `env-filter` feature.
    let targets: Targets = spec
        .parse()
        .map_err(|e| format!("RUST_LOG={spec:?} is not a list of target=level: {e}"))?;
    let format = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    tracing_subscriber::registry()
        .with(format)
        .with(targets)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}
