//! The console's endpoint, read the way tokio-console reads it: the test
//! starts the demonstration on 127.0.0.1 port 0, connects a gRPC client,
//! and waits (10 s at most, real time: the console publishes on a real
//! clock) until the task list shows both faults.

use std::collections::HashMap;
use std::time::Duration;

use console_api::field::{Name, Value};
use console_api::instrument::InstrumentRequest;
use console_api::instrument::instrument_client::InstrumentClient;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// What the console knows of one task, as far as this test reads it.
#[derive(Default, Debug)]
struct Seen {
    file: String,
    polls: u64,
    poll_running: bool,
    wakes: u64,
}

fn name_of(task: &console_api::tasks::Task) -> Option<String> {
    let named = |field: &&console_api::Field| field.name == Some(Name::StrName("task.name".into()));
    match &task.fields.iter().find(named)?.value {
        Some(Value::StrVal(text) | Value::DebugVal(text)) => Some(text.clone()),
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 3)]
async fn the_console_shows_the_stuck_task_and_the_busy_one() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    let layer = lesson10_console::serve_console(listener, Duration::from_millis(50));
    tracing_subscriber::registry().with(layer).init();
    let demo = lesson10_console::start().await.unwrap();

    let found = tokio::time::timeout(Duration::from_secs(10), async {
        let mut client = InstrumentClient::connect(endpoint).await.unwrap();
        let mut updates = client
            .watch_updates(InstrumentRequest {})
            .await
            .unwrap()
            .into_inner();
        let mut ids: HashMap<u64, String> = HashMap::new();
        let mut seen: HashMap<String, Seen> = HashMap::new();
        while let Some(update) = updates.message().await.unwrap() {
            let Some(tasks) = update.task_update else {
                continue;
            };
            for task in &tasks.new_tasks {
                if let (Some(id), Some(name)) = (&task.id, name_of(task)) {
                    let file = task
                        .location
                        .as_ref()
                        .and_then(|l| l.file.clone())
                        .unwrap_or_default();
                    ids.insert(id.id, name.clone());
                    seen.entry(name).or_default().file = file;
                }
            }
            for (id, stats) in &tasks.stats_update {
                let Some(task) = ids.get(id).and_then(|name| seen.get_mut(name)) else {
                    continue;
                };
                let polls = stats.poll_stats.unwrap_or_default();
                task.polls = polls.polls;
                task.poll_running = polls.last_poll_started.is_some()
                    && (polls.last_poll_ended.is_none()
                        || polls.last_poll_started.map(|t| (t.seconds, t.nanos))
                            > polls.last_poll_ended.map(|t| (t.seconds, t.nanos)));
                task.wakes = stats.wakes;
            }
            let stuck = seen.get(lesson10_console::STUCK);
            let busy = seen.get(lesson10_console::BUSY);
            if stuck.is_some_and(|t| t.polls >= 1) && busy.is_some_and(|t| t.poll_running) {
                return seen;
            }
        }
        panic!("the console's stream ended before both tasks were seen: {seen:?}");
    })
    .await;
    demo.stop();
    let seen = found.expect("within 10 s the console should list a stuck task and a busy one");

    let stuck = &seen[lesson10_console::STUCK];
    assert!(
        stuck.file.ends_with("lib.rs") && !stuck.poll_running && stuck.wakes == 0,
        "the stuck task: spawned in lib.rs, polled, idle, never woken; the console said {stuck:?}"
    );
    let busy = &seen[lesson10_console::BUSY];
    assert!(
        busy.file.ends_with("lib.rs") && busy.polls == 1,
        "the busy task: spawned in lib.rs, one poll still running; the console said {busy:?}"
    );
}
