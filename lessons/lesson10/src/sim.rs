//! A server and a client on turmoil's simulated network, and the bug a
//! partition finds in the client (chapter 10, "A simulated network").
//!
//! Turmoil runs several hosts in one process, each with its own tokio
//! runtime on one simulated clock; `turmoil::net` stands in for
//! `tokio::net`, and the test decides when links fail.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use turmoil::net::{TcpListener, TcpStream};

/// The port [`serve`] listens on.
pub const PORT: u16 = 7070;

/// How long [`serve`] thinks before it answers.
pub const THINKING: Duration = Duration::from_millis(100);

// ANCHOR: serve
/// Answers every `ping` line with `pong`, [`THINKING`] later, on as many
/// connections as come.
pub async fn serve() -> turmoil::Result {
    let listener = TcpListener::bind(("0.0.0.0", PORT)).await?;
    loop {
        let (socket, _) = listener.accept().await?;
        tokio::spawn(async move {
            let (read, mut write) = socket.into_split();
            let mut lines = BufReader::new(read).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                tokio::time::sleep(THINKING).await;
                let answer = if line == "ping" { "pong\n" } else { "what?\n" };
                if write.write_all(answer.as_bytes()).await.is_err() {
                    return;
                }
            }
        });
    }
}
// ANCHOR_END: serve

// ANCHOR: ask_once
/// Connects to `server`, sends `ping` and returns the line that comes
/// back. Wrong on a real network: nothing bounds the wait, so an answer
/// lost on the way (a partition, a peer that crashed without a reset)
/// leaves it waiting for ever.
pub async fn ask_once(server: &str) -> io::Result<String> {
    let socket = TcpStream::connect((server, PORT)).await?;
    let (read, mut write) = socket.into_split();
    write.write_all(b"ping\n").await?;
    let mut answer = String::new();
    BufReader::new(read).read_line(&mut answer).await?;
    Ok(answer.trim_end().to_string())
}
// ANCHOR_END: ask_once

#[cfg(test)]
mod tests {
    use super::*;

    // ANCHOR: sim_test
    /// The client's answer is lost when the link fails between its
    /// question and the server's answer: the partition comes 50 ms in, the
    /// answer leaves the server 100 ms in and is dropped. The link is
    /// repaired a second later, but `ask_once` waits for an answer that
    /// no longer exists, until the simulation's 10 s run out.
    #[test]
    fn a_partition_leaves_ask_once_waiting_for_ever() {
        let mut sim = turmoil::Builder::new().rng_seed(10).build();
        sim.host("server", serve);
        sim.client("client", async {
            tokio::spawn(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                turmoil::partition("client", "server");
                tokio::time::sleep(Duration::from_secs(1)).await;
                turmoil::repair("client", "server");
            });
            ask_once("server").await?;
            Ok(())
        });
        let error = sim
            .run()
            .expect_err("the answer was lost; ask_once cannot have returned");
        assert!(error.to_string().contains("without completing"), "{error}");
    }
    // ANCHOR_END: sim_test

    /// Without the partition the same simulation answers at once.
    #[test]
    fn on_a_sound_network_ask_once_answers() {
        let mut sim = turmoil::Builder::new().rng_seed(10).build();
        sim.host("server", serve);
        sim.client("client", async {
            assert_eq!(ask_once("server").await?, "pong");
            Ok(())
        });
        sim.run().unwrap();
    }
}
