//! `asyncio.Timeout.reschedule` (3.11) → `Sleep::reset` on a deadline that
//! a `select!` watches.

// ANCHOR: body
use std::time::Duration;

use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let ms = Duration::from_millis;
    let deadline = sleep(ms(200));
    tokio::pin!(deadline);
    for step in 1..=3 {
        tokio::select! {
            () = sleep(ms(20)) => {
                println!("step {step} done");
                deadline.as_mut().reset(Instant::now() + ms(200));
            }
            () = &mut deadline => return println!("timed out"),
        }
    }
    println!("deadline pulled in");
    deadline.as_mut().reset(Instant::now() + ms(10));
    tokio::select! {
        () = sleep(Duration::from_secs(10)) => println!("slow step done"),
        () = &mut deadline => println!("timed out"),
    }
}
// ANCHOR_END: body
