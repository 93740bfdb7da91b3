//! Reports as JSON, version 1 (docs/json.md): sections keyed by name, rows as
//! objects keyed by column, fields in column order.

use serde::Serialize;
use serde::ser::SerializeMap;

use ordo_core::reports::report::{Cell, Column, Invalid, Report, Section};

/// The document, in this field order.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    report: &'static str,
    title: &'a str,
    as_of: &'a str,
    sections: Sections<'a>,
    notes: &'a [String],
    invalid: &'a [Invalid],
    /// The ledger's commit and whether its files differed (null outside git).
    commit: Option<&'a ordo_core::reports::report::Stamp>,
}

struct Sections<'a>(&'a [Section]);

impl Serialize for Sections<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for section in self.0 {
            let rows: Vec<Row<'_>> = section
                .rows
                .iter()
                .map(|cells| Row::new(&section.columns, cells, false))
                .collect();
            map.serialize_entry(section.key, &rows)?;
        }
        map.end()
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

pub fn render(report: &Report) -> String {
    let document = Document {
        version: 1,
        report: report.name,
        title: &report.title,
        as_of: &report.as_of,
        sections: Sections(&report.sections),
        notes: &report.notes,
        invalid: &report.invalid,
        commit: report.commit.as_ref(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
