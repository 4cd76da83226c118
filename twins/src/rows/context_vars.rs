//! `contextvars.ContextVar` → `tokio::task_local!`, set for the length of
//! one future with `scope`.

// ANCHOR: body
tokio::task_local! {
    static REQUEST_ID: &'static str;
}

async fn handle() -> String {
    tokio::task::yield_now().await;
    format!("handling {}", REQUEST_ID.get())
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let one = tokio::spawn(REQUEST_ID.scope("r1", handle()));
    let two = tokio::spawn(REQUEST_ID.scope("r2", handle()));
    println!("{}", one.await.expect("r1 ran"));
    println!("{}", two.await.expect("r2 ran"));
    let outside = REQUEST_ID.try_with(|id| *id).unwrap_or("none");
    println!("outside: {outside}");
}
// ANCHOR_END: body
