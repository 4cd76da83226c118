//! Standard output in bursts: lines gather in one buffer, and go out in
//! one `write` when the loop is about to wait (or when 64 KiB have
//! gathered). Rust's standard output writes each line as it ends, so
//! 10,000 tasks that greet within one turn of the loop made 10,000 system
//! calls; written out before every wait, the lines still reach a terminal
//! the moment nothing else is running.
//!
//! The buffer is shared by every thread (tokio's multi-thread workers
//! greet at once), and held while it is written, so lines keep their order.
//! A closed pipe (`| head`) ends the program quietly, as
//! [`lessonkit::Stdout`] does.

use std::fmt;
use std::io::Write;
use std::sync::Mutex;

/// Written out at this size even when the loop is not waiting.
const FULL: usize = 64 * 1024;

static BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Adds one line to the buffer.
pub fn line(text: fmt::Arguments<'_>) {
    let mut buffer = BUFFER.lock().unwrap_or_else(|e| e.into_inner());
    // Writing to a `Vec` cannot fail.
    let _ = writeln!(buffer, "{text}");
    if buffer.len() >= FULL {
        write_out(&mut buffer);
    }
}

/// Writes out what the buffer holds: call it before the loop waits, and
/// once at the end.
pub fn flush() {
    write_out(&mut BUFFER.lock().unwrap_or_else(|e| e.into_inner()));
}

fn write_out(buffer: &mut Vec<u8>) {
    if !buffer.is_empty() {
        // `lessonkit::Stdout` has ended the program on any error.
        let _ = lessonkit::Stdout.write_all(buffer);
        let _ = lessonkit::Stdout.flush();
        buffer.clear();
    }
}
