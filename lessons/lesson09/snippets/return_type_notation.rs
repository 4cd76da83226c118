use std::sync::Arc;

use lesson09::traits::Greeter;

fn spawn_greeting<G>(greeter: Arc<G>)
where
    G: Greeter<greet(..): Send> + Send + Sync + 'static, // error: unstable
{
    tokio::spawn(async move { greeter.greet("ann").await });
}
