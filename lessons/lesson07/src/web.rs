//! Step 6: the browser joins. The page at `/` (HTML, a script and a style
//! sheet served from this server, nothing from another site) opens a
//! WebSocket at `/ws`, and that socket runs the same session as a TCP
//! client: text messages in and out instead of lines.
//!
//! Two defences a reviewer asks for. The page puts every line in with
//! `textContent`, never `innerHTML`, so `<script>` in a name is shown, not
//! run (`page/chat.js`). And the upgrade checks `Origin`: a WebSocket is
//! not bound by the same-origin policy, so without the check any site the
//! user visits could open a socket to this server from the user's browser
//! (cross-site WebSocket hijacking) and chat in their name.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures::{SinkExt, StreamExt};
use tokio::net::TcpListener;
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
    let serving = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
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
        .with_state(Web { room, stop, tasks })
}

// ANCHOR: origin
/// Whether a WebSocket upgrade may go ahead: a browser always sends
/// `Origin`, the site whose script opens the socket, and it must be this
/// very server (`http://` + the `Host` the browser reached it at). A
/// request without `Origin` is not from a browser's page (a test, a
/// command-line client): those can send any header they like anyway, so
/// refusing them would protect nothing.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or_default();
    origin == format!("http://{host}") || origin == format!("https://{host}")
}
// ANCHOR_END: origin

// ANCHOR: upgrade
async fn upgrade(
    State(web): State<Web>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if !same_origin(&headers) {
        tracing::warn!(%peer, origin = ?headers.get(header::ORIGIN), "cross-site WebSocket refused");
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
        let _ = socket.send(Message::Text(room.full_line().into())).await;
        return;
    };
    let (to_browser, from_browser) = socket.split();
    let lines = from_browser.filter_map(|message| async move {
        match message {
            Ok(Message::Text(text)) => Some(Ok(text.to_string())),
            Ok(Message::Binary(_)) => Some(Err("this chat takes text messages only".to_string())),
            // Pings are answered by axum; a close ends the stream after it.
            Ok(_) => None,
            Err(e) => Some(Err(format!("a broken message ({e})"))),
        }
    });
    let to_browser = to_browser
        .with(|line: String| async move { Ok::<_, axum::Error>(Message::Text(line.into())) });
    session(room, Box::pin(lines), Box::pin(to_browser), stop).await;
}
// ANCHOR_END: web_client
