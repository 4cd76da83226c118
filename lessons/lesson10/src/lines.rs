//! A line reader, tested without a network: a `duplex` pipe, a scripted
//! peer (`tokio_test::io::Builder`), and a future polled by hand (chapter
//! 10, "IO without a network").

use std::io;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, BufReader};

/// The longest line [`read_lines`] accepts, in bytes, without its `\n`.
pub const MAX_LINE: usize = 1024;

// ANCHOR: read_lines
/// Every line `reader` sends until it closes, each without its `\n`; a last
/// line with no `\n` counts. Errors: the reader's own, or `InvalidData` for
/// a line over [`MAX_LINE`] bytes or one that is not UTF-8.
pub async fn read_lines<R: AsyncRead + Unpin>(reader: R) -> io::Result<Vec<String>> {
    let mut reader = BufReader::new(reader);
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        // One byte more than the limit, to tell "at the limit" from "over".
        let limit = (MAX_LINE + 1) as u64;
        if (&mut reader).take(limit).read_line(&mut line).await? == 0 {
            return Ok(lines);
        }
        if line.ends_with('\n') {
            line.pop();
        }
        if line.len() > MAX_LINE {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
        }
        lines.push(line);
    }
}
// ANCHOR_END: read_lines

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    use tokio::time::timeout;
    use tokio_test::io::Builder;
    use tokio_test::{assert_pending, assert_ready};

    // ANCHOR: duplex
    /// A `duplex` pipe is a socket pair in memory: what one end writes the
    /// other reads, and dropping an end is the peer hanging up.
    #[tokio::test(start_paused = true)]
    async fn lines_through_a_pipe() {
        let (mut client, server) = tokio::io::duplex(64);
        let reading = tokio::spawn(read_lines(server));
        client.write_all(b"ann\nbob\n").await.unwrap();
        drop(client);
        let got = timeout(Duration::from_secs(5), reading).await;
        let lines = got
            .expect("read_lines waited after the pipe closed")
            .unwrap();
        assert_eq!(lines.unwrap(), ["ann", "bob"]);
    }
    // ANCHOR_END: duplex

    // ANCHOR: scripted
    /// A scripted peer sends exactly these reads, in this order, then
    /// closes; a line cut across two reads must come back whole, and an
    /// error in the script must come back as an error.
    #[tokio::test(start_paused = true)]
    async fn a_line_cut_in_two_comes_back_whole() {
        let peer = Builder::new()
            .read(b"an")
            .read(b"n\nbo")
            .read(b"b\n")
            .build();
        assert_eq!(read_lines(peer).await.unwrap(), ["ann", "bob"]);

        let reset = io::Error::new(io::ErrorKind::ConnectionReset, "reset");
        let peer = Builder::new().read(b"ann\n").read_error(reset).build();
        let got = read_lines(peer).await.map_err(|e| e.kind());
        assert_eq!(got, Err(io::ErrorKind::ConnectionReset));
    }
    // ANCHOR_END: scripted

    // ANCHOR: by_hand
    /// Polled by hand, the reader is seen between two events: after the
    /// first half of a line it must be waiting (pending), not finished, and
    /// the second half must wake it.
    #[tokio::test(start_paused = true)]
    async fn waiting_between_two_reads() {
        let (mut client, server) = tokio::io::duplex(64);
        let mut reading = tokio_test::task::spawn(read_lines(server));
        client.write_all(b"an").await.unwrap();
        assert_pending!(reading.poll());
        client.write_all(b"n\n").await.unwrap();
        drop(client);
        assert!(reading.is_woken(), "the write must wake the reader");
        let lines = assert_ready!(reading.poll()).unwrap();
        assert_eq!(lines, ["ann"]);
    }
    // ANCHOR_END: by_hand
}
