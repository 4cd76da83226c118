// ANCHOR: all
fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

async fn total_words(texts: Vec<String>) -> usize {
    let mut tasks = Vec::new();
    for text in texts {
        // The task owns its text: it borrows nothing from this function.
        tasks.push(tokio::spawn(async move { count_words(&text) }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await.unwrap();
    }
    total
}
// ANCHOR_END: all
