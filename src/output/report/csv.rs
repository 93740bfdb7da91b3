//! Reports as CSV: each section is a header row (the column keys) and its rows;
//! sections are separated by a blank line. A one-section report is plain CSV.
//! Reports are opened in spreadsheets: a text cell a spreadsheet would take
//! for a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR) is written
//! with a `'` before it, as OWASP advises, so it shows as the text it is.

use std::io::{self, Write};

use super::view::View;
use ordo_core::reports::report::Cell;

pub(crate) fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (i, (section, rows)) in view.sections().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let mut writer = csv::Writer::from_writer(&mut *out);
        writer.write_record(section.columns.iter().map(|c| c.key))?;
        for row in rows {
            writer.write_record(row.iter().map(|c| match c {
                Cell::Text(text) => neutralised(text),
                other => other.text(),
            }))?;
        }
        writer.flush()?;
    }
    Ok(())
}

/// The text as a spreadsheet shows it, never as a formula it would run.
pub(crate) fn neutralised(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_a_spreadsheet_would_run_is_written_as_text() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralised(formula), format!("'{formula}"));
        }
        for plain in ["202611-ACME-001", "Acme = good", "", "2026-11-20"] {
            assert_eq!(neutralised(plain), plain);
        }
    }
}
