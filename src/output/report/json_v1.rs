//! Reports as JSON, version 1 (docs/json.md): sections keyed by name, rows as
//! objects keyed by column, fields in column order.

use std::io::{self, Write};

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq};

use super::view::{Rows, View};
use ordo_core::reports::report::{Cell, Column, Invalid};

/// The document, in this field order.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    report: &'static str,
    title: &'a str,
    as_of: &'a str,
    sections: Sections<'a>,
    notes: Vec<&'a str>,
    invalid: &'a [Invalid],
    /// The ledger's commit and whether its files differed (null outside git).
    commit: Option<&'a ordo_core::reports::report::Stamp>,
}

struct Sections<'a>(View<'a>);

impl Serialize for Sections<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.report.sections.len()))?;
        for (section, rows) in self.0.sections() {
            let rows = SectionRows {
                columns: &section.columns,
                rows,
            };
            map.serialize_entry(section.key, &rows)?;
        }
        map.end()
    }
}

/// A section's rows, serialised as they are read (a spooled section is never
/// in memory all at once).
struct SectionRows<'a> {
    columns: &'a [Column],
    rows: Rows<'a>,
}

impl Serialize for SectionRows<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.rows.len()))?;
        for cells in self.rows.clone() {
            seq.serialize_element(&Row::new(self.columns, &cells, false))?;
        }
        seq.end()
    }
}

/// One row as an object keyed by column, in column order.
pub struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
    skip_empty: bool,
}

impl<'a> Row<'a> {
    /// `skip_empty` leaves out empty cells instead of writing `null`.
    pub fn new(columns: &'a [Column], cells: &'a [Cell], skip_empty: bool) -> Self {
        Row {
            columns,
            cells,
            skip_empty,
        }
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            if self.skip_empty && *cell == Cell::Empty {
                continue;
            }
            map.serialize_entry(column.key, cell)?;
        }
        map.end()
    }
}

pub fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = view.report;
    let document = Document {
        version: 1,
        report: report.name,
        title: &report.title,
        as_of: &report.as_of,
        sections: Sections(*view),
        notes: view.notes(),
        invalid: &report.invalid,
        commit: report.commit.as_ref(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
