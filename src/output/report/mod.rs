//! One renderer per format, shared by every report.

mod csv;
pub mod cut;
pub mod json_v1;
mod markdown;
mod table;

use ordo_core::reports::report::Report;

/// The formats every report can be printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Table,
    /// One versioned JSON document (docs/json.md).
    Json,
    /// Comma-separated values, one section after another.
    Csv,
    /// GitHub-flavoured Markdown, ready for a CI job summary.
    Markdown,
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Table => table::render(report),
        Format::Json => json_v1::render(report),
        Format::Csv => csv::render(report),
        Format::Markdown => markdown::render(report),
    }
}

/// The notes and the unreadable files, after the tables.
fn notes(report: &Report, out: &mut String, prefix: &str, escape: fn(&str) -> String) {
    if !report.notes.is_empty() {
        out.push('\n');
        for note in &report.notes {
            out.push_str(&format!("{prefix}{}\n", escape(note)));
        }
    }
    if !report.invalid.is_empty() {
        out.push('\n');
        let left_out = ordo_core::i18n::tr(
            report.lang,
            "note-left-out",
            &[("count", report.invalid.len().into())],
        );
        out.push_str(&format!("{prefix}{left_out}\n"));
        for invalid in &report.invalid {
            out.push_str(&format!(
                "{prefix}  {}: {}\n",
                escape(&invalid.file),
                escape(&invalid.problem)
            ));
        }
    }
}
