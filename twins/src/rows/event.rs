//! `asyncio.Event` → a `tokio::sync::watch` channel of `bool`: it stays
//! set, like the event. (`Notify` remembers one permit at most.)

// ANCHOR: body
use tokio::sync::watch;

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (set, event) = watch::channel(false);
    let mut waiters = Vec::new();
    for n in 1..=2 {
        let mut event = event.clone();
        waiters.push(tokio::spawn(async move {
            event
                .wait_for(|is_set| *is_set)
                .await
                .expect("the sender lives");
            n
        }));
    }
    tokio::task::yield_now().await; // both are waiting now
    println!("setting the event");
    set.send_replace(true);
    for waiter in waiters {
        println!("waiter {} woke", waiter.await.expect("the waiter ran"));
    }
    let mut late = event.clone();
    late.wait_for(|is_set| *is_set)
        .await
        .expect("the sender lives");
    println!("a late waiter does not wait");
}
// ANCHOR_END: body
