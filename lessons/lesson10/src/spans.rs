//! Spans that follow a task, the guard that does not, and a subscriber a
//! test can read (chapter 10, "Seeing what runs").

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Instrument, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

// ANCHOR: entered
/// Handles request `id` (taking `id` × 10 ms), logging its start and end
/// in a span `request{id}`. Wrong: the guard keeps the span entered on this
/// thread while the task waits, so whatever else runs there meanwhile logs
/// inside this request's span.
pub async fn handle_entered(id: u64) {
    let span = tracing::info_span!("request", id);
    let _entered = span.enter();
    tracing::info!("start");
    tokio::time::sleep(Duration::from_millis(10 * id)).await;
    tracing::info!("done");
}
// ANCHOR_END: entered

// ANCHOR: instrumented
/// The same request, right: `.instrument(span)` enters the span each time
/// the future is polled and leaves it each time the future waits.
pub async fn handle_instrumented(id: u64) {
    let work = async move {
        tracing::info!("start");
        tokio::time::sleep(Duration::from_millis(10 * id)).await;
        tracing::info!("done");
    };
    work.instrument(tracing::info_span!("request", id)).await;
}
// ANCHOR_END: instrumented

/// One event as [`Recorder`] saw it: its message and the spans it was in,
/// outermost first, written `name{field=value}` and joined by `:` (as
/// `tracing_subscriber::fmt` writes them); `""` outside any span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The event's message.
    pub message: String,
    /// Where it was: `"request{id=1}"`, `"a{}:b{n=2}"`, or `""`.
    pub spans: String,
}

// ANCHOR: recorder
/// A subscriber layer that keeps every event, with the spans it was in,
/// for a test to read. Clones share the record.
#[derive(Debug, Clone, Default)]
pub struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Recorder {
    /// Makes this thread's default subscriber one that feeds a new
    /// recorder, until the guard is dropped. A current-thread runtime runs
    /// every task on this thread, so it sees them all.
    pub fn install() -> (Recorder, tracing::subscriber::DefaultGuard) {
        let recorder = Recorder::default();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        (recorder, tracing::subscriber::set_default(subscriber))
    }

    /// Every event so far, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Recorder {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut message = Fields::default();
        event.record(&mut message);
        let spans: Vec<String> = ctx
            .event_scope(event)
            .into_iter()
            .flat_map(|scope| scope.from_root())
            .map(|span| {
                let fields = span.extensions().get::<Fields>().map(|f| f.0.clone());
                format!("{}{{{}}}", span.name(), fields.unwrap_or_default())
            })
            .collect();
        let seen = Seen {
            message: message.0,
            spans: spans.join(":"),
        };
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(seen);
    }
}
// ANCHOR_END: recorder

/// A span's fields as `a=1 b=2`, or an event's message.
#[derive(Debug, Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if !self.0.is_empty() {
            self.0.push(' ');
        }
        let _ = match field.name() {
            "message" => write!(self.0, "{value:?}"),
            name => write!(self.0, "{name}={value:?}"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::timeout;

    fn seen(message: &str, spans: &str) -> Seen {
        Seen {
            message: message.to_string(),
            spans: spans.to_string(),
        }
    }

    // ANCHOR: spans_test
    /// Two requests at once, each event in its own request's span.
    #[tokio::test(start_paused = true)]
    async fn each_event_is_in_its_own_request() {
        let (recorder, _installed) = Recorder::install();
        let both = async { tokio::join!(handle_instrumented(1), handle_instrumented(2)) };
        timeout(Duration::from_secs(5), both).await.unwrap();
        let (one, two) = ("request{id=1}", "request{id=2}");
        let expected = [
            seen("start", one),
            seen("start", two),
            seen("done", one),
            seen("done", two),
        ];
        assert_eq!(recorder.seen(), expected);
    }
    // ANCHOR_END: spans_test

    // ANCHOR: guard_test
    /// With the guard held across the sleep, request 2's span is opened
    /// inside request 1's, and request 1's "done" lands in request 2.
    #[tokio::test(start_paused = true)]
    async fn a_guard_across_an_await_mixes_requests_up() {
        let (recorder, _installed) = Recorder::install();
        let both = async { tokio::join!(handle_entered(1), handle_entered(2)) };
        timeout(Duration::from_secs(5), both).await.unwrap();
        let (one, mixed) = ("request{id=1}", "request{id=1}:request{id=2}");
        let expected = [
            seen("start", one),
            seen("start", mixed),
            seen("done", mixed),
            seen("done", mixed),
        ];
        assert_eq!(recorder.seen(), expected);
    }
    // ANCHOR_END: guard_test
}
