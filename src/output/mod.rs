//! The edge where data becomes text: findings as rustc-like diagnostics, JSON
//! v1 and GitHub annotations; reports as tables, JSON v1, CSV and Markdown. One
//! renderer per format; nothing below this layer prints.

pub mod findings;
pub(crate) mod order_json_v1;
pub mod plain_table;
pub mod report;

/// Names an order file a report left out, on stderr (for outputs with no room
/// for it: CSV, calendars, exports, the site's build).
pub fn warn_left_out(invalid: &ordo_core::reports::report::Invalid) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "ordo: warning: {} left out: {}",
        invalid.file,
        invalid.problem
    );
}
