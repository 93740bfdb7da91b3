//! The edge where data becomes text: findings as rustc-like diagnostics, JSON
//! v1 and GitHub annotations; reports as tables, JSON v1, CSV and Markdown. One
//! renderer per format; nothing below this layer prints.

pub mod findings;
pub mod plain_table;
pub mod report;
