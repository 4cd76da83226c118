//! An async callback (`async def` passed to a function) → an async closure
//! taken as `AsyncFnMut`, which may change what it captured.

// ANCHOR: body
async fn retry<T>(
    attempts: u32,
    mut op: impl AsyncFnMut() -> Result<T, String>,
) -> Result<T, String> {
    let mut last = Err("no attempt made".to_string());
    for attempt in 1..=attempts {
        match op().await {
            Ok(value) => return Ok(value),
            Err(error) => {
                println!("attempt {attempt} failed: {error}");
                last = Err(error);
            }
        }
    }
    last
}

#[tokio::main(flavor = "current_thread")]
pub async fn main() {
    let mut calls = 0;
    let flaky = async || {
        calls += 1; // borrowed mutably, as `nonlocal calls` does
        if calls < 3 {
            Err(format!("not yet ({calls})"))
        } else {
            Ok(format!("done after {calls} calls"))
        }
    };
    match retry(5, flaky).await {
        Ok(reply) => println!("{reply}"),
        Err(error) => println!("gave up: {error}"),
    }
    println!("calls: {calls}");
}
// ANCHOR_END: body
