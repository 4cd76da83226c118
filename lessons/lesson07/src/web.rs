//! Step 6: the browser joins. The page at `/` (HTML, a script and a style
//! sheet served from this server, nothing from another site) opens a
//! WebSocket at `/ws`, and that socket runs the same session as a TCP
//! client: text messages in and out instead of lines.
//!
//! Three defences a reviewer asks for. The page puts every line in with
//! `textContent`, never `innerHTML`, so `<script>` in a name is shown, not
//! run (`page/chat.js`). Every request must name this server in `Host`
//! (DNS rebinding: another site's name made to point at this machine). And
//! the upgrade checks `Origin`: a WebSocket is not bound by the
//! same-origin policy, so without the check any site the user visits could
//! open a socket to this server from the user's browser (cross-site
//! WebSocket hijacking) and chat in their name.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Router;
use axum::extract::connect_info::Connected;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::serve::IncomingStream;
use futures::{SinkExt, StreamExt};
use lessonkit::{printable, printable_bytes};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::{self, error::CapacityError};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tracing::Instrument;

use crate::chat::{Room, session};

const PAGE: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/chat.js");
const STYLE: &str = include_str!("page/chat.css");

/// The page may load only its own script and style and connect only to
/// its own server: a second line of defence if text ever reached the page
/// as HTML.
const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'";

#[derive(Debug, Clone)]
struct Web {
    room: Arc<Room>,
    stop: CancellationToken,
    tasks: TaskTracker,
}

/// Serves the page and its WebSocket on `listener` until `stop`; open
/// sessions are counted in `tasks` (axum's own graceful shutdown does not
/// wait for a connection that became a WebSocket).
pub async fn serve(
    listener: TcpListener,
    room: Arc<Room>,
    stop: CancellationToken,
    tasks: TaskTracker,
) {
    let app = router(room, stop.clone(), tasks);
    let serving = axum::serve(listener, app.into_make_service_with_connect_info::<Conn>())
        .with_graceful_shutdown(stop.cancelled_owned());
    if let Err(e) = serving.await {
        tracing::warn!(error = %e, "the web side stopped");
    }
}

fn router(room: Arc<Room>, stop: CancellationToken, tasks: TaskTracker) -> Router {
    let file = |body: &'static str, kind: &'static str| {
        move || async move {
            (
                [
                    (header::CONTENT_TYPE, kind),
                    (header::CONTENT_SECURITY_POLICY, POLICY),
                ],
                body,
            )
        }
    };
    Router::new()
        .route("/", get(file(PAGE, "text/html; charset=utf-8")))
        .route(
            "/chat.js",
            get(file(SCRIPT, "text/javascript; charset=utf-8")),
        )
        .route("/chat.css", get(file(STYLE, "text/css; charset=utf-8")))
        .route("/ws", get(upgrade))
        .layer(middleware::from_fn(this_server))
        .with_state(Web { room, stop, tasks })
}

/// What the server keeps of each connection: who connected, and at which
/// of this machine's addresses (the one the client dialled, which is what
/// tells `Host` apart when the server listens on `0.0.0.0`).
#[derive(Debug, Clone, Copy)]
pub struct Conn {
    pub peer: SocketAddr,
    pub local: Option<SocketAddr>,
}

impl Connected<IncomingStream<'_, TcpListener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, TcpListener>) -> Self {
        Conn {
            peer: *stream.remote_addr(),
            local: stream.io().local_addr().ok(),
        }
    }
}

// ANCHOR: origin
/// Whether `host`, a request's `Host` header, names this server as the
/// client reached it at `local`: `localhost`, a loopback address or
/// `local`'s own address, with `local`'s port (80 where `host` has none).
/// A name that merely resolves here does not count: that is DNS rebinding,
/// a site's own name pointed at this machine so that its page, to the
/// browser, is same-origin with this server.
pub fn names_this_server(host: &str, local: SocketAddr) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.ends_with(']') => (name, port.parse::<u16>().ok()),
        _ => (host, Some(80)),
    };
    if port != Some(local.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = name.strip_prefix('[').and_then(|n| n.strip_suffix(']'));
    match bare.unwrap_or(name).parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback() || ip.to_canonical() == local.ip().to_canonical(),
        Err(_) => false,
    }
}

/// Whether a WebSocket upgrade whose `Host` names this server may go
/// ahead: a browser always sends `Origin`, the site whose script opens the
/// socket, and it must be this very server (`http://` + that `Host`). A
/// request without `Origin` is not from a browser's page (a test, a
/// command-line client): those can send any header they like anyway, so
/// refusing them would protect nothing.
pub fn same_origin(headers: &HeaderMap, host: &str) -> bool {
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => origin
            .to_str()
            .is_ok_and(|o| o.eq_ignore_ascii_case(&format!("http://{host}"))),
    }
}

/// Every request, the page's and the WebSocket's, must name this server
/// in `Host`, or it is answered 421 Misdirected Request.
async fn this_server(
    ConnectInfo(conn): ConnectInfo<Conn>,
    request: Request,
    next: Next,
) -> Response {
    let host = request.headers().get(header::HOST);
    let named = host
        .and_then(|h| h.to_str().ok())
        .zip(conn.local)
        .is_some_and(|(host, local)| names_this_server(host, local));
    if named {
        return next.run(request).await;
    }
    let host = host.map(|h| printable_bytes(h.as_bytes()));
    tracing::warn!(peer = %conn.peer, ?host, "refused: Host does not name this server");
    (
        StatusCode::MISDIRECTED_REQUEST,
        "this server answers only to its own address and localhost\n",
    )
        .into_response()
}
// ANCHOR_END: origin

// ANCHOR: upgrade
async fn upgrade(
    State(web): State<Web>,
    ConnectInfo(Conn { peer, .. }): ConnectInfo<Conn>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    // `this_server` has let only a `Host` that names this server through.
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(|host| same_origin(&headers, host)) {
        let origin = headers
            .get(header::ORIGIN)
            .map(|o| printable_bytes(o.as_bytes()));
        tracing::warn!(%peer, ?origin, "cross-site WebSocket refused");
        return (
            StatusCode::FORBIDDEN,
            "this chat only accepts WebSockets from its own page\n",
        )
            .into_response();
    }
    // Counted from now, not from when the upgrade completes, so a
    // shutdown that starts in between still waits for this client.
    let counted = web.tasks.token();
    let span = tracing::info_span!("client", via = "ws", %peer);
    ws.max_message_size(web.room.limits.max_frame)
        .on_upgrade(move |socket| {
            async move {
                web_client(socket, web.room, web.stop).await;
                drop(counted);
            }
            .instrument(span)
        })
}
// ANCHOR_END: upgrade

// ANCHOR: web_client
/// One browser: text messages are its lines; anything else it cannot send
/// from the page, so it ends the session with a line saying so.
async fn web_client(mut socket: WebSocket, room: Arc<Room>, stop: CancellationToken) {
    let Some(_seat) = room.take_seat() else {
        if let Err(e) = socket.send(Message::Text(room.full_line().into())).await {
            tracing::debug!(error = %printable(&e.to_string()), "could not tell a browser the room is full");
        }
        return;
    };
    let max = room.limits.max_frame;
    let (to_browser, from_browser) = socket.split();
    let lines = from_browser.filter_map(move |message| async move {
        match message {
            Ok(Message::Text(text)) => Some(Ok(text.to_string())),
            Ok(Message::Binary(_)) => Some(Err("this chat takes text messages only".to_string())),
            // Pings are answered by axum; a close ends the stream after it.
            Ok(_) => None,
            // The client gets a sentence of ours; the details go to the log.
            Err(e) => {
                tracing::info!(error = %printable(&e.to_string()), "unreadable message");
                let too_long = matches!(
                    e.into_inner().downcast_ref::<tungstenite::Error>(),
                    Some(tungstenite::Error::Capacity(
                        CapacityError::MessageTooLong { .. }
                    ))
                );
                Some(Err(if too_long {
                    format!("that message is longer than {max} bytes")
                } else {
                    "that message could not be read".to_string()
                }))
            }
        }
    });
    let to_browser = to_browser
        .with(|line: String| async move { Ok::<_, axum::Error>(Message::Text(line.into())) });
    session(room, Box::pin(lines), Box::pin(to_browser), stop).await;
}
// ANCHOR_END: web_client

#[cfg(test)]
mod tests {
    use super::*;

    /// Host names this server by `localhost`, a loopback address or the
    /// address the client dialled, always with the right port; a name
    /// that merely resolves here (DNS rebinding) never does.
    #[test]
    fn host_must_name_this_server() {
        let local: SocketAddr = "127.0.0.1:8070".parse().unwrap();
        for host in [
            "127.0.0.1:8070",
            "localhost:8070",
            "LocalHost:8070",
            "[::1]:8070",
        ] {
            assert!(names_this_server(host, local), "{host} was refused");
        }
        for host in [
            "evil.example:8070",
            "localhost.evil.example:8070",
            "127.0.0.1:8071",
            "127.0.0.1",
            "localhost",
            "10.0.0.5:8070",
            "",
        ] {
            assert!(!names_this_server(host, local), "{host} was let in");
        }
        // Listening on every address: the one the client dialled counts,
        // also as IPv4 mapped into IPv6; no port means 80.
        let lan: SocketAddr = "[::ffff:192.168.1.5]:8070".parse().unwrap();
        assert!(names_this_server("192.168.1.5:8070", lan));
        assert!(!names_this_server("192.168.1.6:8070", lan));
        let web: SocketAddr = "[::1]:80".parse().unwrap();
        assert!(names_this_server("[::1]", web));
        assert!(names_this_server("localhost", web));
    }

    /// Origin must be `http://` + Host exactly; no Origin is not a page.
    #[test]
    fn origin_must_be_the_host_itself() {
        let with = |origin: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ORIGIN, origin.parse().unwrap());
            same_origin(&headers, "localhost:8070")
        };
        assert!(with("http://localhost:8070"));
        assert!(!with("http://localhost:8070.evil.example"));
        assert!(!with("http://evil.example"));
        assert!(!with("null"));
        assert!(same_origin(&HeaderMap::new(), "localhost:8070"));
    }
}
