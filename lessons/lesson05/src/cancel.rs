//! Trap 4: `select!` and cancellation safety.
//!
//! `tokio::select!` polls several futures and runs the branch of the first
//! to finish; the others are dropped, which cancels them. A future dropped
//! half-way through its work loses whatever it had done: for a read, the
//! bytes it had already taken from the stream. In a loop that selects
//! between reading a line and a timer, a tick that comes in the middle of a
//! line throws that line's first half away. (asyncio cancels too: on a
//! timeout, `asyncio.wait_for` cancels what it was waiting for.)
//!
//! [`receive_lossy`] is that loop; exercise 03-5 is the loop that loses
//! nothing. [`SCRIPT`] is what the sender writes, and when.

use std::time::Duration;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};

/// What a receiving loop gives back.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Received {
    /// Every line received, without its `\n`, in order.
    pub messages: Vec<String>,
    /// How many heartbeat ticks came while waiting for lines.
    pub heartbeats: u32,
}

// ANCHOR: script
/// What the sender writes, each piece after a pause: the second message
/// arrives in two halves, 25 ms apart.
pub const SCRIPT: [(Duration, &str); 4] = [
    (Duration::ZERO, "alpha\n"),
    (Duration::from_millis(5), "be"),
    (Duration::from_millis(25), "ta\n"),
    (Duration::from_millis(20), "gamma\n"),
];
/// The heartbeat's period: shorter than the gap inside "beta".
pub const EVERY: Duration = Duration::from_millis(10);
// ANCHOR_END: script

/// Writes [`SCRIPT`] to `out`, then closes it.
pub async fn send_script<W: AsyncWrite + Unpin>(mut out: W) {
    for (pause, piece) in SCRIPT {
        tokio::time::sleep(pause).await;
        out.write_all(piece.as_bytes())
            .await
            .expect("the receiver went away");
    }
    out.shutdown().await.expect("could not close the stream");
}

// ANCHOR: lossy
/// Reads lines until the end of the stream, counting heartbeats while it
/// waits. It loses data: `read_line` is not cancel safe.
pub async fn receive_lossy<R: AsyncBufRead + Unpin>(mut reader: R, every: Duration) -> Received {
    let mut heartbeat = tokio::time::interval(every);
    heartbeat.tick().await; // an interval's first tick is immediate
    let mut got = Received::default();
    loop {
        let mut line = String::new();
        tokio::select! {
            read = reader.read_line(&mut line) => match read {
                Ok(0) | Err(_) => break, // end of stream, or broken
                Ok(_) => got.messages.push(line.trim_end().to_string()),
            },
            // When this branch wins, the `read_line` future is dropped, and
            // with it the half line it had already taken from the stream.
            _ = heartbeat.tick() => got.heartbeats += 1,
        }
    }
    got
}
// ANCHOR_END: lossy

/// Runs the lossy loop against [`SCRIPT`] on a real clock and prints what
/// arrived.
pub fn show() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("could not start a tokio runtime");
    let got = runtime.block_on(async {
        let (theirs, ours) = tokio::io::duplex(64);
        let sender = tokio::spawn(send_script(theirs));
        let got = receive_lossy(tokio::io::BufReader::new(ours), EVERY).await;
        sender.await.expect("the sender panicked");
        got
    });
    let all: String = SCRIPT.iter().map(|(_, piece)| *piece).collect();
    let sent: Vec<&str> = all.lines().collect();
    println!(
        "A select! loop reading lines, with a heartbeat every {} ms:",
        EVERY.as_millis()
    );
    println!("  sent:     {sent:?}");
    println!(
        "  received: {:?} ({} heartbeats)",
        got.messages, got.heartbeats
    );
    if got.messages != sent {
        println!(
            "  <- a heartbeat cancelled read_line in the middle of a line: its first half is gone"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On the paused clock the loss is certain: the ticks at 10 and 20 ms
    /// cancel the read that holds "be", and only "ta" arrives.
    #[tokio::test(flavor = "current_thread", start_paused = true)]
    async fn the_lossy_loop_loses_half_a_line() {
        let (theirs, ours) = tokio::io::duplex(64);
        let sender = tokio::spawn(send_script(theirs));
        let got = receive_lossy(tokio::io::BufReader::new(ours), EVERY).await;
        sender.await.unwrap();
        assert_eq!(got.messages, ["alpha", "ta", "gamma"]);
        assert!(got.heartbeats >= 3, "{got:?}");
    }
}
