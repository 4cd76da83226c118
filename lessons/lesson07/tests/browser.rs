//! The page in a real browser: headless Chromium, driven through its
//! DevTools protocol (a WebSocket, spoken here with the tests' own
//! tokio-tungstenite), opens the page twice, as two people would. One joins
//! under a name that is HTML, the other sees it as text; a message goes
//! from one page to the other; markup in a message is never run.
//!
//! Skipped, saying so, where Chromium is not installed (`CHROMIUM=/path`
//! names it; otherwise `chromium`, `chromium-browser` or `google-chrome` on
//! PATH). CI installs Debian's `chromium`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use lesson07::limits::Limits;
use lesson07::server::{self, Config};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The longest any one step may take: a page load, a message's trip.
const STEP: Duration = Duration::from_secs(20);

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

/// Chromium, killed and its profile removed when the test ends, however.
struct Browser {
    child: Child,
    profile: PathBuf,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// A DevTools connection: numbered commands, each answered by the reply
/// with its number (events in between are skipped).
struct DevTools {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl DevTools {
    async fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(command.to_string()))
            .await
            .expect("DevTools takes a command");
        loop {
            let message = timeout(STEP, self.socket.next())
                .await
                .unwrap_or_else(|_| panic!("DevTools did not answer {method} within {STEP:?}"))
                .expect("DevTools closed its socket")
                .expect("DevTools' socket failed");
            let Message::Text(text) = message else {
                continue;
            };
            let reply: Value = serde_json::from_str(&text).expect("DevTools speaks JSON");
            if reply["id"] == json!(id) {
                assert!(reply.get("error").is_none(), "{method} failed: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Opens `url` in a new tab; its session id.
    async fn open(&mut self, url: &str) -> String {
        let target = self
            .call(None, "Target.createTarget", json!({ "url": url }))
            .await;
        let attached = self
            .call(
                None,
                "Target.attachToTarget",
                json!({ "targetId": target["targetId"], "flatten": true }),
            )
            .await;
        attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string()
    }

    async fn eval(&mut self, page: &str, expression: &str) -> Value {
        let result = self
            .call(
                Some(page),
                "Runtime.evaluate",
                json!({ "expression": expression, "returnByValue": true }),
            )
            .await;
        result["result"]["value"].clone()
    }

    /// Waits, within [`STEP`], until `expression` is true in `page`.
    async fn until(&mut self, page: &str, expression: &str, what: &str) {
        let start = std::time::Instant::now();
        while start.elapsed() < STEP {
            if self.eval(page, expression).await == json!(true) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let log = self
            .eval(page, "document.getElementById('log')?.innerText")
            .await;
        panic!("{what}: not seen within {STEP:?}; the page shows {log}");
    }

    /// Types `text` into the page's box and presses Send.
    async fn say(&mut self, page: &str, text: &str) {
        let script = format!(
            "document.getElementById('line').value = {}; document.getElementById('say').requestSubmit(); true",
            json!(text)
        );
        assert_eq!(
            self.eval(page, &script).await,
            json!(true),
            "typing into the page"
        );
    }
}

/// Starts Chromium with DevTools on a free port and connects to it.
async fn launch(chromium: &PathBuf) -> (Browser, DevTools) {
    let profile = std::env::temp_dir().join(format!("lesson07-chromium-{}", std::process::id()));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-port=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Chromium starts");
    let stderr = child.stderr.take().unwrap();
    let browser = Browser { child, profile };
    // Chromium prints `DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID`.
    let found = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(stderr).lines();
        let url = lines.by_ref().map_while(Result::ok).find_map(|line| {
            line.strip_prefix("DevTools listening on ")
                .map(str::to_string)
        });
        // Keep reading, so that Chromium never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        url
    });
    let url = timeout(STEP, found)
        .await
        .expect("Chromium said where DevTools listens, within the wait")
        .unwrap()
        .expect("Chromium printed no DevTools address");
    let (socket, _) = timeout(STEP, tokio_tungstenite::connect_async(url.as_str()))
        .await
        .expect("DevTools accepts within the wait")
        .expect("DevTools accepts a connection");
    (browser, DevTools { socket, next_id: 0 })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pages_chat_and_html_stays_text() {
    let Some(chromium) = chromium() else {
        println!(
            "SKIPPED: Chromium is not installed (set CHROMIUM=/path), so the page was not tested in a browser"
        );
        return;
    };
    let any: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let server = server::start(Config {
        web: any,
        tcp: any,
        limits: Limits::default(),
    })
    .await
    .unwrap();
    let url = format!("http://{}/", server.web);
    let (_browser, mut dev) = launch(&chromium).await;

    let ann = dev.open(&url).await;
    dev.until(
        &ann,
        "document.getElementById('state').textContent === 'connected'",
        "ann's page connected",
    )
    .await;
    dev.say(&ann, "ann").await;
    dev.until(
        &ann,
        "document.getElementById('log').innerText.includes('* hello ann')",
        "ann's hello",
    )
    .await;

    let bea = dev.open(&url).await;
    dev.until(
        &bea,
        "document.getElementById('state').textContent === 'connected'",
        "the second page connected",
    )
    .await;
    dev.say(&bea, "<script>bea</script>").await;
    dev.until(
        &bea,
        "document.getElementById('log').innerText.includes(': ann is here')",
        "the second page's hello",
    )
    .await;

    // The name is shown as typed, as text: no element was made from it.
    dev.until(
        &ann,
        "[...document.querySelectorAll('#log li')].some(li => li.textContent === '* <script>bea</script> joined')",
        "ann's page showing the <script> name as text",
    )
    .await;
    dev.say(
        &bea,
        "hello ann <img src=x onerror=\"document.title='pwned'\">",
    )
    .await;
    dev.until(
        &ann,
        "document.getElementById('log').innerText.includes('<script>bea</script>: hello ann <img src=x')",
        "the message from the second page",
    )
    .await;
    assert_eq!(
        dev.eval(&ann, "document.querySelectorAll('#log *:not(li)').length")
            .await,
        json!(0),
        "ann's page made elements out of text from the network"
    );
    assert_ne!(
        dev.eval(&ann, "document.title").await,
        json!("pwned"),
        "markup in a message ran as HTML"
    );

    dev.say(&ann, "hi bea").await;
    dev.until(
        &bea,
        "document.getElementById('log').innerText.includes('ann: hi bea')",
        "ann's answer on the second page",
    )
    .await;
    assert!(server.shutdown(Duration::from_secs(5)).await);
}
