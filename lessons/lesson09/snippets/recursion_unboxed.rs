async fn depth(n: u32) -> u32 {
    if n == 0 {
        return 0;
    }
    depth(n - 1).await + 1 // error: the future would contain itself
}
