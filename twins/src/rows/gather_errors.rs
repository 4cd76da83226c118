//! `gather(..., return_exceptions=True)` → `join_all` over futures that
//! return `Result`: errors are values already.

// ANCHOR: body
async fn parse(text: &str) -> Result<i64, String> {
    tokio::task::yield_now().await;
    text.parse().map_err(|_| format!("not a number: {text}"))
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let results = futures::future::join_all([parse("1"), parse("x"), parse("3")]).await;
    for result in results {
        match result {
            Ok(n) => println!("ok {n}"),
            Err(e) => println!("error {e}"),
        }
    }
}
// ANCHOR_END: body
