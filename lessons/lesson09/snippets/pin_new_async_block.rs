use std::pin::Pin;

let mut future = lesson09::pinning::self_borrowing();
let pinned = Pin::new(&mut future); // error: the future is not `Unpin`
