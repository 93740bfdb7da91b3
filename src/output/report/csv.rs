//! Reports as CSV: each section is a header row (the column keys) and its rows;
//! sections are separated by a blank line. A one-section report is plain CSV.

use std::io::{self, Write};

use super::view::View;

pub fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (i, (section, rows)) in view.sections().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let mut writer = csv::Writer::from_writer(&mut *out);
        writer.write_record(section.columns.iter().map(|c| c.key))?;
        for row in rows {
            writer.write_record(row.iter().map(|c| c.text()))?;
        }
        writer.flush()?;
    }
    Ok(())
}
