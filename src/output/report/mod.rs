//! One renderer per format, shared by every report.

mod csv;
pub mod cut;
pub mod fit;
pub mod json_v1;
mod markdown;
pub mod spool;
mod table;
pub mod view;

use std::io::{self, Write};

use view::View;

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

/// Writes the report as it is rendered, row by row; a table fitted to
/// `width` columns when one is given.
pub fn write(
    view: &View<'_>,
    format: Format,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::write(view, width, out),
        Format::Json => json_v1::write(view, out),
        Format::Csv => csv::write(view, out),
        Format::Markdown => markdown::write(view, out),
    }
}

/// The notes and the unreadable files, after the tables.
fn notes(
    view: &View<'_>,
    out: &mut dyn Write,
    prefix: &str,
    escape: fn(&str) -> String,
) -> io::Result<()> {
    let report = view.report;
    let notes = view.notes();
    if !notes.is_empty() {
        writeln!(out)?;
        for note in notes {
            writeln!(out, "{prefix}{}", escape(note))?;
        }
    }
    if !report.invalid.is_empty() {
        writeln!(out)?;
        let left_out = ordo_core::i18n::tr(
            report.lang,
            "note-left-out",
            &[("count", report.invalid.len().into())],
        );
        writeln!(out, "{prefix}{left_out}")?;
        for invalid in &report.invalid {
            writeln!(
                out,
                "{prefix}  {}: {}",
                escape(&invalid.file),
                escape(&invalid.problem)
            )?;
        }
    }
    Ok(())
}
