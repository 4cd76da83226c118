use lesson09::traits::{English, Greeter};

let greeters: Vec<Box<dyn Greeter>> = vec![Box::new(English)]; // error: not dyn compatible
