use std::sync::Arc;

use lesson09::traits::Greeter;

fn spawn_greeting<G: Greeter + Send + Sync + 'static>(greeter: Arc<G>) {
    tokio::spawn(async move { greeter.greet("ann").await }); // error: not `Send`
}
