#[derive(Debug)]
pub struct Plan {
    pub clients: usize,
    pub messages: usize,
    pub rate: u32,
}
impl Default for Plan {
    fn default() -> Self {
        Plan {
            clients: 1000,
            messages: 2,
            rate: 200,
        }
    }
}
pub async fn run(_p: Plan, _py: bool) -> Result<(), String> {
    Ok(())
}
