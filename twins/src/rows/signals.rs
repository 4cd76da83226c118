//! `loop.add_signal_handler` → `tokio::signal` (on Unix,
//! `tokio::signal::unix::signal`; everywhere, `tokio::signal::ctrl_c`).
//!
//! The program sends itself SIGINT, as Ctrl-C in a terminal would, with
//! the system's `kill` command (sending a signal in Rust needs a crate or
//! unsafe code). Windows has no signals to send this way: the row prints
//! the same line there, as the Python does.

// ANCHOR: body
#[cfg(unix)]
#[tokio::main(flavor = "current_thread")]
pub async fn main() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};

    // From here on SIGINT is a message to this stream, not the end.
    let mut interrupts = signal(SignalKind::interrupt())?;
    let me = std::process::id().to_string();
    tokio::process::Command::new("kill")
        .args(["-INT", &me])
        .status()
        .await?;
    interrupts.recv().await;
    println!("got SIGINT: shutting down cleanly");
    Ok(())
}
// ANCHOR_END: body

#[cfg(not(unix))]
pub fn main() {
    println!("got SIGINT: shutting down cleanly");
}
