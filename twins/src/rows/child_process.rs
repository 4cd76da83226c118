//! `asyncio.create_subprocess_exec` → `tokio::process::Command`.
//!
//! The child is this very program run again (`twins child`), as the Python
//! runs its own interpreter: both exist wherever the row runs.

// ANCHOR: body
use std::process::Stdio;

use tokio::process::Command;

#[tokio::main(flavor = "current_thread")]
pub async fn main() -> std::io::Result<()> {
    let output = Command::new(std::env::current_exe()?)
        .arg("child")
        .stdout(Stdio::piped())
        .output() // waits for it to exit, reading its output meanwhile
        .await?;
    let said = String::from_utf8_lossy(&output.stdout);
    println!("child said '{}'", said.trim_end().escape_debug());
    println!("exit status {}", output.status.code().unwrap_or(-1));
    Ok(())
}
// ANCHOR_END: body

/// The child's part: `twins child`.
pub fn child() {
    println!("hello from the child");
}
