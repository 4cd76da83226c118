use lesson09::closures::repeat_owned;

async fn log_three() {
    let mut log: Vec<String> = Vec::new();
    repeat_owned(3, || async {
        log.push("entry".to_string()); // error: the future borrows the closure's capture
    })
    .await;
}
