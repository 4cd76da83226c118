//! The results of a run: what results.json holds ([`schema`]), the figures
//! made from its runs ([`statistics`]), and the markdown the book includes
//! ([`render`]). Everything is named here too, as `report::Results`.

pub mod render;
#[cfg(test)]
pub(crate) mod sample;
pub mod schema;
pub mod statistics;

pub use render::{cell_stat, escape, markdown, stat, thousands, utc};
pub use schema::{
    HELLO_PROGRAMS, HelloPoint, HelloRun, Results, SERVERS, ServerPoint, ServerRun, Settings,
    Target, label,
};
pub use statistics::{HANDLER_SLEEP_S, littles_law_limit};
