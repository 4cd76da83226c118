//! Stand-in servers on 127.0.0.1 for lesson 02's `wget`: the seed's three
//! hosts, well behaved, and one for each way a server can misbehave, so the
//! program works offline and no test touches the internet. The chapter shows
//! [`serve`]; the rest is the cast list and the tests of `wget`'s bounds
//! against each stand-in.

use std::io;

use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::wget::{FetchError, Limits, Target, read_line};

/// How each local stand-in answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// A short, proper HTTP/1.0 answer (`latin1` adds a header that is not UTF-8).
    Good { latin1: bool },
    /// A status line, then header lines that never end.
    EndlessHeaders,
    /// A status line, then one line that never ends.
    EndlessLine,
    /// A status line and half a header line, then it hangs up.
    NoNewline,
    /// Accepts, then says nothing, ever.
    Silent,
    /// Answers with something that is not HTTP.
    NotHttp,
    /// Redirects to https, as many sites answer on port 80 today.
    Moved,
    /// A header holding terminal escapes: set the window's title, clear the screen.
    Escapes,
}

// ANCHOR: serve
use tokio::net::TcpListener;

/// [`Behaviour::Escapes`]'s header: OSC 0 sets the window's title, `ESC [2J`
/// clears the screen.
pub const ESCAPES: &[u8] = b"X-Evil: a\x1b]0;pwned\x07\x1b[2Jcleared\r\n\r\n";

/// Starts a server on 127.0.0.1 (a free port) that answers every
/// connection as `behaviour` says, and returns its address. It runs as a
/// task of the current tokio runtime until the runtime ends.
pub async fn serve(behaviour: Behaviour) -> io::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(answer(socket, behaviour));
        }
    });
    Ok(addr)
}

async fn answer(socket: TcpStream, behaviour: Behaviour) -> io::Result<()> {
    let mut socket = BufReader::new(socket);
    // Read the request's head first (bounded too), as a real server would.
    // The silent one does not even do that.
    if behaviour != Behaviour::Silent {
        let limits = Limits::default();
        while let Ok(Some(line)) = read_line(&mut socket, limits.max_line).await {
            if line.is_empty() {
                break;
            }
        }
    }
    let status = b"HTTP/1.0 200 OK\r\n";
    match behaviour {
        Behaviour::Good { latin1 } => {
            socket.write_all(status).await?;
            socket.write_all(b"Server: lesson02-stand-in\r\n").await?;
            socket.write_all(b"Content-Type: text/html\r\n").await?;
            if latin1 {
                // "café" in Latin-1: the byte 0xE9 alone is not UTF-8.
                socket.write_all(b"X-Legacy: caf\xe9\r\n").await?;
            }
            socket.write_all(b"\r\n<h1>hello</h1>\n").await?;
        }
        Behaviour::EndlessHeaders => {
            socket.write_all(status).await?;
            // Stops when the client hangs up and the write fails.
            for n in 0u64.. {
                socket
                    .write_all(format!("X-Filler-{n}: more\r\n").as_bytes())
                    .await?;
            }
        }
        Behaviour::EndlessLine => {
            socket.write_all(status).await?;
            socket.write_all(b"X-Long: ").await?;
            let chunk = [b'a'; 4096];
            loop {
                socket.write_all(&chunk).await?;
            }
        }
        Behaviour::NoNewline => {
            socket.write_all(status).await?;
            socket.write_all(b"X-Cut: half a li").await?;
        }
        Behaviour::Silent => {
            // Hold the connection open, reading and ignoring, until the
            // client gives up.
            let mut sink = Vec::new();
            socket.read_to_end(&mut sink).await?;
        }
        Behaviour::NotHttp => socket.write_all(b"SSH-2.0-OpenSSH_9.6\r\n").await?,
        Behaviour::Moved => {
            socket
                .write_all(b"HTTP/1.0 301 Moved Permanently\r\n")
                .await?;
            socket
                .write_all(b"Location: https://moved.test/\r\n\r\n")
                .await?;
        }
        Behaviour::Escapes => {
            socket.write_all(status).await?;
            socket.write_all(ESCAPES).await?;
        }
    }
    socket.shutdown().await
}
// ANCHOR_END: serve

/// The hosts the program fetches when given none: the seed's three, played
/// by well-behaved stand-ins on 127.0.0.1, then one stand-in for each way a
/// server can misbehave, one that redirects to https, one whose header holds
/// terminal escapes, a port nobody listens on, and a host argument that
/// tries to inject a header.
pub async fn local_servers() -> io::Result<Vec<(String, Result<Target, FetchError>)>> {
    let mut hosts = Vec::new();
    let mut add = |name: &str, connect_to: String| {
        hosts.push((
            name.to_string(),
            Ok(Target {
                host: name.to_string(),
                connect_to,
            }),
        ))
    };
    for (name, behaviour) in [
        ("www.sina.com.cn", Behaviour::Good { latin1: false }),
        ("www.sohu.com", Behaviour::Good { latin1: false }),
        ("www.163.com", Behaviour::Good { latin1: true }),
        ("endless-headers.test", Behaviour::EndlessHeaders),
        ("endless-line.test", Behaviour::EndlessLine),
        ("no-newline.test", Behaviour::NoNewline),
        ("silent.test", Behaviour::Silent),
        ("not-http.test", Behaviour::NotHttp),
        ("moved.test", Behaviour::Moved),
        ("escapes.test", Behaviour::Escapes),
    ] {
        add(name, serve(behaviour).await?.to_string());
    }
    add("refused.test", closed_port()?.to_string());
    let hostile = "evil.test\r\nX-Injected: 1";
    hosts.push((hostile.to_string(), Target::parse(hostile)));
    Ok(hosts)
}

/// A local address where nobody listens: bound, then let go.
fn closed_port() -> io::Result<std::net::SocketAddr> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    listener.local_addr()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wget::tests::{SMALL, runtime};
    use crate::wget::{Head, fetch, wget_all};
    use lessonkit::printable_bytes as printable;

    fn local(addr: std::net::SocketAddr) -> Target {
        Target {
            host: "stand-in.test".into(),
            connect_to: addr.to_string(),
        }
    }

    async fn fetch_from(behaviour: Behaviour) -> Result<Head, FetchError> {
        let addr = serve(behaviour).await.unwrap();
        fetch(&local(addr), &SMALL).await
    }

    #[test]
    fn a_good_server_gives_its_headers_and_latin1_shows_lossily() {
        let head = runtime(false)
            .block_on(fetch_from(Behaviour::Good { latin1: true }))
            .unwrap();
        assert_eq!(head.status, "HTTP/1.0 200 OK");
        assert_eq!(
            head.headers,
            [
                "Server: lesson02-stand-in",
                "Content-Type: text/html",
                "X-Legacy: caf\u{FFFD}"
            ]
        );
    }

    /// Control characters from the server reach the head, so the terminal,
    /// only as escapes: the title-setting, screen-clearing header.
    #[test]
    fn control_characters_come_back_escaped() {
        let head = runtime(false)
            .block_on(fetch_from(Behaviour::Escapes))
            .unwrap();
        assert_eq!(
            head.headers,
            ["X-Evil: a\\u{1b}]0;pwned\\u{7}\\u{1b}[2Jcleared"]
        );
        assert_eq!(
            printable(b"\tC1:\xc2\x9b DEL:\x7f caf\xe9 \xe4\xb8\xad"),
            "\\tC1:\\u{9b} DEL:\\u{7f} caf\u{FFFD} \u{4e2d}"
        );
    }

    /// A redirect is shown, not followed: its status line and `Location`.
    #[test]
    fn a_redirect_shows_its_status_and_location() {
        let head = runtime(false)
            .block_on(fetch_from(Behaviour::Moved))
            .unwrap();
        assert_eq!(head.status, "HTTP/1.0 301 Moved Permanently");
        assert_eq!(head.headers, ["Location: https://moved.test/"]);
    }

    #[test]
    fn endless_headers_stop_at_the_limit() {
        let got = runtime(false).block_on(fetch_from(Behaviour::EndlessHeaders));
        assert_eq!(got, Err(FetchError::TooManyHeaders { limit: 10 }));
    }

    #[test]
    fn an_endless_line_stops_at_the_limit() {
        let got = runtime(false).block_on(fetch_from(Behaviour::EndlessLine));
        assert_eq!(got, Err(FetchError::LineTooLong { limit: 256 }));
    }

    #[test]
    fn a_line_with_no_newline_is_reported() {
        let got = runtime(false).block_on(fetch_from(Behaviour::NoNewline));
        assert_eq!(got, Err(FetchError::Unterminated));
    }

    #[test]
    fn something_not_http_is_reported() {
        let got = runtime(false).block_on(fetch_from(Behaviour::NotHttp));
        assert_eq!(got, Err(FetchError::NotHttp("SSH-2.0-OpenSSH_9.6".into())));
    }

    /// On the paused clock the timeout fires as soon as nothing else can
    /// happen: a silent server costs no real time.
    #[test]
    fn a_silent_server_times_out() {
        let got = runtime(true).block_on(fetch_from(Behaviour::Silent));
        assert_eq!(got, Err(FetchError::TimedOut(SMALL.timeout)));
    }

    #[test]
    fn a_closed_port_is_refused() {
        let addr = closed_port().unwrap();
        let got = runtime(false).block_on(fetch(&local(addr), &SMALL));
        assert!(matches!(got, Err(FetchError::Connect(_))), "{got:?}");
    }

    /// One bad host does not stop the others, and results keep their order.
    #[test]
    fn every_host_gets_its_own_result() {
        let results = runtime(false).block_on(async {
            let mut hosts = Vec::new();
            for b in [
                Behaviour::NotHttp,
                Behaviour::Good { latin1: false },
                Behaviour::EndlessHeaders,
            ] {
                let addr = serve(b).await.unwrap();
                hosts.push((format!("{b:?}"), Ok(local(addr))));
            }
            hosts.push(("bad host".into(), Target::parse("bad host")));
            wget_all(hosts, SMALL, false).await
        });
        let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "NotHttp",
                "Good { latin1: false }",
                "EndlessHeaders",
                "bad host"
            ]
        );
        assert!(
            matches!(results[0].1, Err(FetchError::NotHttp(_))),
            "{results:?}"
        );
        assert!(results[1].1.is_ok(), "{results:?}");
        assert!(
            matches!(results[2].1, Err(FetchError::TooManyHeaders { .. })),
            "{results:?}"
        );
        assert!(
            matches!(results[3].1, Err(FetchError::BadHost(_))),
            "{results:?}"
        );
    }
}
