//! The chat server as people use it: real TCP and WebSocket clients on
//! 127.0.0.1, port 0, and the Python twin held to the same protocol test.
//! Every wait has a timeout, so a broken server fails a test instead of
//! hanging it.

use std::net::SocketAddr;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use lesson07::chat::{GOODBYE, WELCOME};
use lesson07::limits::Limits;
use lesson07::server::{self, Config, Running};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::{self, Message, client::IntoClientRequest};

const WAIT: Duration = Duration::from_secs(5);

async fn start(limits: Limits) -> Running {
    let any: SocketAddr = "127.0.0.1:0".parse().unwrap();
    server::start(Config {
        web: any,
        tcp: any,
        limits,
    })
    .await
    .expect("the server starts on port 0")
}

/// A line-protocol client, as `nc` is.
struct Line(BufReader<TcpStream>);

impl Line {
    async fn connect(addr: SocketAddr) -> Line {
        Line(BufReader::new(
            timeout(WAIT, TcpStream::connect(addr))
                .await
                .unwrap()
                .unwrap(),
        ))
    }

    async fn send(&mut self, text: &str) {
        self.send_bytes(format!("{text}\n").as_bytes()).await;
    }

    async fn send_bytes(&mut self, bytes: &[u8]) {
        self.0.get_mut().write_all(bytes).await.unwrap();
    }

    /// The next line, without its end; `None` once the server has closed.
    async fn next(&mut self) -> Option<String> {
        let mut line = String::new();
        match timeout(WAIT, self.0.read_line(&mut line)).await {
            Ok(Ok(0)) => None,
            Ok(Ok(_)) => Some(line.trim_end_matches('\n').to_string()),
            Ok(Err(e)) => panic!("reading a line: {e}"),
            Err(_) => panic!("no line from the server within {WAIT:?}"),
        }
    }

    /// Every line still to come, until the server closes the connection.
    async fn rest(&mut self) -> Vec<String> {
        let mut lines = Vec::new();
        while let Some(line) = self.next().await {
            lines.push(line);
        }
        lines
    }

    /// Joins as `name`: welcome, name, hello.
    async fn join(addr: SocketAddr, name: &str) -> Line {
        let mut client = Line::connect(addr).await;
        assert_eq!(client.next().await.as_deref(), Some(WELCOME));
        client.send(name).await;
        let hello = client.next().await.unwrap_or_default();
        assert!(
            hello.starts_with(&format!("* hello {name}")),
            "joining as {name}: {hello:?}"
        );
        client
    }
}

/// A new line client that got a seat (the welcome, not a refusal), tried
/// every 20 ms for a second: a seat comes back only once the server has
/// seen its last holder go. `None` if none came back.
async fn a_seat(addr: SocketAddr) -> Option<Line> {
    for _ in 0..50 {
        let mut client = Line::connect(addr).await;
        if client.next().await.as_deref() == Some(WELCOME) {
            return Some(client);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    None
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

async fn ws_connect(addr: SocketAddr, origin: Option<&str>) -> Result<Ws, tungstenite::Error> {
    ws_connect_as(addr, None, origin).await
}

/// An upgrade sent to `addr` with `host` in place of its own address.
async fn ws_connect_as(
    addr: SocketAddr,
    host: Option<&str>,
    origin: Option<&str>,
) -> Result<Ws, tungstenite::Error> {
    let mut request = format!("ws://{addr}/ws").into_client_request().unwrap();
    if let Some(host) = host {
        request.headers_mut().insert("host", host.parse().unwrap());
    }
    if let Some(origin) = origin {
        request
            .headers_mut()
            .insert("origin", origin.parse().unwrap());
    }
    timeout(WAIT, tokio_tungstenite::connect_async(request))
        .await
        .expect("the upgrade answers")
        .map(|(ws, _)| ws)
}

async fn ws_next(ws: &mut Ws) -> Option<String> {
    loop {
        match timeout(WAIT, ws.next())
            .await
            .expect("a message within the wait")
        {
            Some(Ok(Message::Text(text))) => return Some(text.to_string()),
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => continue,
        }
    }
}

/// The protocol, as the chapter states it, against a server at `addr`
/// with the default limits: used for the Rust server and the Python twin.
async fn protocol(addr: SocketAddr) {
    let mut ann = Line::join(addr, "ann").await;
    let mut bob = Line::connect(addr).await;
    bob.next().await;
    for (asked, refusal) in [
        ("ANN", "! that name is taken: try another"),
        (
            "b\u{1b}[2Jb",
            "! a name cannot hold control or invisible characters",
        ),
        // Looks exactly like ann; reads backwards.
        (
            "ann\u{200B}",
            "! a name cannot hold control or invisible characters",
        ),
        (
            "b\u{202E}ob",
            "! a name cannot hold control or invisible characters",
        ),
        (
            "* server",
            "! a name cannot start with * or !: those mark the server's lines",
        ),
        (
            "ann: really",
            "! a name cannot hold a colon: messages read NAME: TEXT",
        ),
        ("", "! a name cannot be empty: type your name"),
        (&"x".repeat(21), "! a name has at most 20 characters"),
    ] {
        bob.send(asked).await;
        assert_eq!(
            bob.next().await.as_deref(),
            Some(refusal),
            "the name {asked:?}: refused with this line, or the likely mistake is a check missing"
        );
    }
    bob.send("bob").await;
    assert_eq!(
        bob.next().await.as_deref(),
        Some("* hello bob: ann is here")
    );
    assert_eq!(ann.next().await.as_deref(), Some("* bob joined"));
    bob.send("hi ann").await;
    assert_eq!(ann.next().await.as_deref(), Some("bob: hi ann"));
    ann.send("hi bob, <b>été</b>").await;
    assert_eq!(bob.next().await.as_deref(), Some("ann: hi bob, <b>été</b>"));
    for bad in ["a\u{7}bell", "\u{202E}kcik neeb evah uoy"] {
        bob.send(bad).await;
        assert_eq!(
            bob.next().await.as_deref(),
            Some("! a message cannot hold control or invisible characters"),
            "the message {bad:?}"
        );
    }
    bob.send("tab\tseparated").await;
    assert_eq!(
        ann.next().await.as_deref(),
        Some("bob: tab\tseparated"),
        "a tab is allowed in a message"
    );
    bob.send(&"é".repeat(501)).await;
    assert_eq!(
        bob.next().await.as_deref(),
        Some("! a message has at most 500 characters")
    );
    // bob has spent 2 of his 5 tokens: 4 more at once, 1 is refused.
    for i in 0..4 {
        bob.send(&format!("burst {i}")).await;
    }
    assert_eq!(
        bob.next().await.as_deref(),
        Some("! slow down: that message was not sent")
    );
    for i in 0..3 {
        assert_eq!(ann.next().await, Some(format!("bob: burst {i}")));
    }
    // A line over 4096 bytes ends the connection, with a line saying why.
    bob.send(&"x".repeat(5000)).await;
    assert_eq!(
        bob.next().await.as_deref(),
        Some("! a line has at most 4096 bytes: goodbye")
    );
    assert_eq!(
        bob.next().await,
        None,
        "the connection ends after a line too long"
    );
    assert_eq!(ann.next().await.as_deref(), Some("* bob left"));
    // Bytes that are not UTF-8 end the connection with a sentence, not the
    // decoder's own words.
    let mut cy = Line::connect(addr).await;
    cy.next().await;
    cy.send_bytes(b"c\xffy\n").await;
    assert_eq!(
        cy.next().await.as_deref(),
        Some("! that line is not UTF-8: goodbye")
    );
    assert_eq!(
        cy.next().await,
        None,
        "the connection ends after a line not UTF-8"
    );
}

#[tokio::test]
async fn the_rust_server_keeps_the_protocol() {
    let server = start(Limits::default()).await;
    protocol(server.tcp).await;
    assert!(server.shutdown(WAIT).await);
}

/// The asyncio twin passes the same protocol test, and says goodbye on
/// SIGTERM. Skipped, saying so, where no Python 3.11 or later is found
/// (`lessonkit::python::find`: `PYTHON`, then `python3` or `python`, and
/// `py -3` first on Windows).
#[tokio::test]
async fn the_python_twin_keeps_the_protocol() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/python/chat_server.py");
    let python = match lessonkit::python::find(11) {
        Ok(python) => python,
        Err(e) => {
            println!("SKIPPED: {e}, so the Python twin was not tested");
            return;
        }
    };
    let child = python
        .command()
        .args([script, "--tcp", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the Python that answered --version starts the twin");
    let mut twin = Twin(child);
    let stdout = twin.0.stdout.take().unwrap();
    let first = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
        line
    });
    let first = timeout(WAIT, first)
        .await
        .expect("the twin starts within the wait")
        .unwrap();
    let addr: SocketAddr = first
        .trim()
        .strip_prefix("line protocol: ")
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("the twin printed {first:?}, not `line protocol: ADDR`"));
    protocol(addr).await;
    #[cfg(unix)]
    {
        let mut ann = Line::join(addr, "ann").await;
        let pid = twin.0.id().to_string();
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap();
        assert_eq!(ann.next().await.as_deref(), Some(GOODBYE));
        assert_eq!(ann.next().await, None);
        for _ in 0..100 {
            if let Some(status) = twin.0.try_wait().unwrap() {
                assert!(status.success(), "the twin ended with {status}");
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the twin was still running 5 s after SIGTERM");
    }
}

/// The Python twin's process, killed if a test fails while it runs.
struct Twin(std::process::Child);

impl Drop for Twin {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A browser and a line client share one room.
#[tokio::test]
async fn a_browser_and_nc_chat_together() {
    let server = start(Limits::default()).await;
    let mut ann = Line::join(server.tcp, "ann").await;
    let origin = format!("http://{}", server.web);
    let mut web = ws_connect(server.web, Some(&origin))
        .await
        .expect("the page's own origin is let in");
    assert_eq!(ws_next(&mut web).await.as_deref(), Some(WELCOME));
    web.send(Message::text("<script>bea</script>"))
        .await
        .unwrap();
    assert_eq!(
        ws_next(&mut web).await.as_deref(),
        Some("* hello <script>bea</script>: ann is here")
    );
    assert_eq!(
        ann.next().await.as_deref(),
        Some("* <script>bea</script> joined")
    );
    web.send(Message::text("hello from the page"))
        .await
        .unwrap();
    assert_eq!(
        ann.next().await.as_deref(),
        Some("<script>bea</script>: hello from the page")
    );
    ann.send("hello, browser").await;
    assert_eq!(
        ws_next(&mut web).await.as_deref(),
        Some("ann: hello, browser")
    );
    // A text message cannot carry a second line into nc's window.
    web.send(Message::text("one\nann: forged")).await.unwrap();
    assert_eq!(
        ws_next(&mut web).await.as_deref(),
        Some("! a message cannot hold control or invisible characters")
    );
    // A message over max_frame ends the socket with a sentence of ours,
    // not the WebSocket library's error text.
    web.send(Message::text("x".repeat(5000))).await.unwrap();
    assert_eq!(
        ws_next(&mut web).await.as_deref(),
        Some("! that message is longer than 4096 bytes: goodbye"),
        "a message too long: the client is told in plain words"
    );
    assert_eq!(ws_next(&mut web).await, None, "the socket ends after it");
    assert!(server.shutdown(WAIT).await);
    let last = ann.rest().await;
    assert_eq!(
        last.last().map(String::as_str),
        Some(GOODBYE),
        "ann's last lines: {last:?}"
    );
}

/// Cross-site WebSocket hijacking: another site's page is refused with
/// 403; the page's own origin, and a client with no Origin, are let in.
#[tokio::test]
async fn the_upgrade_checks_origin() {
    let server = start(Limits::default()).await;
    match ws_connect(server.web, Some("http://evil.example")).await {
        Err(tungstenite::Error::Http(response)) => assert_eq!(
            response.status(),
            403,
            "an upgrade from another site's page: refused, but not with 403"
        ),
        other => panic!(
            "an upgrade from http://evil.example gave {:?}, not 403: is Origin compared with the Host?",
            other.map(|_| "a socket")
        ),
    }
    let lookalike = format!("http://{}.evil.example", server.web.ip());
    assert!(
        ws_connect(server.web, Some(&lookalike)).await.is_err(),
        "{lookalike} let in: the Origin must equal http:// + Host, not start with it"
    );
    assert!(
        ws_connect(server.web, Some(&format!("http://{}", server.web)))
            .await
            .is_ok(),
        "the page's own origin, http://{}, was refused",
        server.web
    );
    assert!(
        ws_connect(server.web, None).await.is_ok(),
        "a client that sends no Origin (not a browser's page) was refused"
    );
    assert!(server.shutdown(WAIT).await);
}

/// DNS rebinding: a page on evil.example, whose name now points at this
/// machine, is same-origin with itself (`Host: evil.example:PORT`, `Origin:
/// http://evil.example:PORT`); the Host check refuses it with 421, page
/// and socket alike. `localhost` with the right port is this server.
#[tokio::test]
async fn a_host_that_does_not_name_this_server_is_refused() {
    let server = start(Limits::default()).await;
    let port = server.web.port();
    let evil = format!("evil.example:{port}");
    match ws_connect_as(server.web, Some(&evil), Some(&format!("http://{evil}"))).await {
        Err(tungstenite::Error::Http(response)) => assert_eq!(
            response.status(),
            421,
            "a rebinding pair (Host {evil}, Origin http://{evil}): refused, but not with 421"
        ),
        other => panic!(
            "a rebinding pair (Host {evil}, Origin http://{evil}) gave {:?}, not 421: \
             the Host must name this server, not only match the Origin",
            other.map(|_| "a socket")
        ),
    }
    let (status, _) = get_page(server.web, &evil).await;
    assert_eq!(status, 421, "the page asked for as {evil}");
    let elsewhere = format!("127.0.0.1:{}", port.wrapping_add(1).max(1));
    let (status, _) = get_page(server.web, &elsewhere).await;
    assert_eq!(
        status, 421,
        "the page asked for as {elsewhere}: the port is not this server's"
    );
    let local = format!("localhost:{port}");
    assert!(
        ws_connect_as(server.web, Some(&local), Some(&format!("http://{local}")))
            .await
            .is_ok(),
        "the page at http://{local}/ could not open its socket"
    );
    let (status, _) = get_page(server.web, &local).await;
    assert_eq!(status, 200, "the page asked for as {local}");
    assert!(server.shutdown(WAIT).await);
}

/// `GET /` to `addr` with `host` as its Host: the status and the response.
async fn get_page(addr: SocketAddr, host: &str) -> (u16, String) {
    let mut http = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET / HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n\r\n");
    http.write_all(request.as_bytes()).await.unwrap();
    let mut page = String::new();
    timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_string(&mut http, &mut page),
    )
    .await
    .expect("the whole response within the wait")
    .unwrap();
    let status = page
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP/1.1 response: {page}"));
    (status, page)
}

/// The page is served from here, with nothing loaded from elsewhere.
#[tokio::test]
async fn the_page_loads_only_from_its_own_server() {
    let server = start(Limits::default()).await;
    let (status, page) = get_page(server.web, &server.web.to_string()).await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("content-security-policy: default-src 'none'"),
        "{page}"
    );
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "the page links elsewhere: {page}"
    );
    assert!(server.shutdown(WAIT).await);
}

/// A connection that never names itself is let go after `name_time`,
/// with one line saying why, and its seat comes back.
#[tokio::test]
async fn a_client_that_never_names_itself_is_let_go() {
    let server = start(Limits {
        name_time: Duration::from_millis(200),
        max_clients: 1,
        ..Limits::default()
    })
    .await;
    let mut silent = Line::connect(server.tcp).await;
    assert_eq!(silent.next().await.as_deref(), Some(WELCOME));
    assert_eq!(
        silent.next().await.as_deref(),
        Some("! no name within 0.2 s: goodbye"),
        "a client silent past name_time: told so (or the deadline is missing)"
    );
    assert_eq!(
        silent.next().await,
        None,
        "the connection ends after the goodbye"
    );
    let again = a_seat(server.tcp).await;
    assert!(
        again.is_some(),
        "the seat of a client let go for want of a name never came back"
    );
    assert!(server.shutdown(WAIT).await);
}

/// At most `max_clients`, both kinds together; the next is told and let go.
#[tokio::test]
async fn a_full_room_says_so() {
    let server = start(Limits {
        max_clients: 2,
        ..Limits::default()
    })
    .await;
    let _ann = Line::join(server.tcp, "ann").await;
    let mut web = ws_connect(server.web, None).await.unwrap();
    assert_eq!(ws_next(&mut web).await.as_deref(), Some(WELCOME));
    let mut third = Line::connect(server.tcp).await;
    assert_eq!(
        third.next().await.as_deref(),
        Some("! the room is full (2 clients): try again later")
    );
    assert_eq!(third.next().await, None);
    let mut fourth = ws_connect(server.web, None).await.unwrap();
    assert_eq!(
        ws_next(&mut fourth).await.as_deref(),
        Some("! the room is full (2 clients): try again later")
    );
    drop(web);
    // The seat comes back when a client leaves.
    let again = a_seat(server.tcp).await;
    assert!(
        again.is_some(),
        "a seat freed by a client that left was never given back"
    );
    assert!(server.shutdown(WAIT).await);
}

/// The hello names who is here, in the grammar of one or of many.
#[tokio::test]
async fn the_hello_says_who_is_here() {
    let server = start(Limits::default()).await;
    let _ann = Line::join(server.tcp, "ann").await;
    let mut bob = Line::connect(server.tcp).await;
    bob.next().await;
    bob.send("bob").await;
    assert_eq!(
        bob.next().await.as_deref(),
        Some("* hello bob: ann is here")
    );
    let mut cy = Line::connect(server.tcp).await;
    cy.next().await;
    cy.send("cy").await;
    assert_eq!(
        cy.next().await.as_deref(),
        Some("* hello cy: here are ann, bob")
    );
    assert!(server.shutdown(WAIT).await);
}

/// A client that sends 10 MB with no newline, and only then reads, gets
/// the refusal line and a clean end, not a reset: the server reads what
/// it is still sent before it closes.
#[tokio::test]
async fn a_line_far_too_long_still_gets_its_refusal() {
    let server = start(Limits::default()).await;
    let mut client = Line::connect(server.tcp).await;
    assert_eq!(client.next().await.as_deref(), Some(WELCOME));
    let flood = vec![b'x'; 10 * 1024 * 1024];
    timeout(
        Duration::from_secs(30),
        client.0.get_mut().write_all(&flood),
    )
    .await
    .expect("the server keeps reading")
    .expect("10 MB sent without a reset: the server read them before it closed");
    client.0.get_mut().shutdown().await.unwrap();
    let mut rest = String::new();
    timeout(
        WAIT,
        tokio::io::AsyncReadExt::read_to_string(&mut client.0, &mut rest),
    )
    .await
    .expect("the server closes")
    .expect("the refusal and a clean end, not a reset");
    assert_eq!(rest, "! a line has at most 4096 bytes: goodbye\n");
    assert!(server.shutdown(WAIT).await);
}

/// Shutdown: every client, named or not, hears goodbye and is closed; the
/// ports are closed; `shutdown` reports a clean stop.
#[tokio::test]
async fn shutdown_tells_everyone_and_closes() {
    let server = start(Limits::default()).await;
    let (tcp, web) = (server.tcp, server.web);
    let mut ann = Line::join(tcp, "ann").await;
    let mut unnamed = Line::connect(tcp).await;
    unnamed.next().await;
    let mut browser = ws_connect(web, None).await.unwrap();
    ws_next(&mut browser).await;
    browser.send(Message::text("bea")).await.unwrap();
    ws_next(&mut browser).await;
    assert_eq!(ann.next().await.as_deref(), Some("* bea joined"));
    assert!(
        server.shutdown(WAIT).await,
        "the sessions did not all end within {WAIT:?}"
    );
    // bea may have left before ann was told: that line may come first.
    let last = ann.rest().await;
    assert_eq!(
        last.last().map(String::as_str),
        Some(GOODBYE),
        "ann's last lines: {last:?}"
    );
    assert_eq!(unnamed.next().await.as_deref(), Some(GOODBYE));
    assert_eq!(ws_next(&mut browser).await.as_deref(), Some(GOODBYE));
    // Each port belongs to its accept loop's task, so no task left means
    // both ports are closed. (Connecting to them to see would not tell:
    // another test may already have been given the freed port number.)
    assert_eq!(
        server.tasks(),
        0,
        "a task outlived the shutdown: an accept loop still holds its port"
    );
}
