//! `loop.create_future()` and `set_result` → a `tokio::sync::oneshot`
//! channel: the sender sets it, the receiver awaits it.

// ANCHOR: body
use tokio::sync::oneshot;

type Answer = Result<&'static str, String>;

async fn show(result: oneshot::Receiver<Answer>) {
    match result.await {
        Ok(Ok(value)) => println!("got: {value}"),
        Ok(Err(error)) => println!("error: {error}"),
        // A Python future nobody sets waits forever; this one knows.
        Err(_dropped) => println!("nobody will set it"),
    }
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let (set, result) = oneshot::channel::<Answer>();
    tokio::spawn(async move { set.send(Ok("ready")) });
    show(result).await;

    let (set, result) = oneshot::channel::<Answer>();
    tokio::spawn(async move { set.send(Err("disk full".into())) });
    show(result).await;

    let (set, result) = oneshot::channel::<Answer>();
    drop(set);
    show(result).await;
}
// ANCHOR_END: body
