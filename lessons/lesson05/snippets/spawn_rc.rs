// ANCHOR: all
use std::rc::Rc;

async fn report(names: Rc<Vec<String>>) {
    tokio::task::yield_now().await;
    println!("{} names", names.len());
}

fn start(names: Rc<Vec<String>>) {
    // `Rc` counts its owners without atomics: it may not cross threads.
    tokio::spawn(report(names));
}
// ANCHOR_END: all
