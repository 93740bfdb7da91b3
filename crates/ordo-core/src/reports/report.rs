//! Reports as data: titled sections of typed rows, plus the orders that could not
//! be read. Every report builds one of these; one renderer per format prints any
//! of them (table, JSON, CSV, Markdown).

use serde::Serialize;

/// One value of a row. Numbers stay numbers in JSON; every format shows text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Shown with one decimal; in JSON rounded to two.
    Float(f64),
    Empty,
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) => s.serialize_str(t),
            Cell::Int(n) => s.serialize_i64(*n),
            Cell::Float(f) => s.serialize_f64((f * 100.0).round() / 100.0),
            Cell::Empty => s.serialize_none(),
        }
    }
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => format!("{f:.1}"),
            Cell::Empty => String::new(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Int(n)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Int(n as i64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A column: a stable key (JSON field, CSV header) and the catalog id of its
/// heading for people (`col-<heading>` in `i18n/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub heading: &'static str,
}

/// A column headed by its key's message (`days_late` -> "days late").
pub const fn col(key: &'static str) -> Column {
    Column { key, heading: key }
}

/// A column whose heading is another message than its key's.
pub const fn col_as(key: &'static str, heading: &'static str) -> Column {
    Column { key, heading }
}

/// A titled table of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// A stable key for JSON (`rows`, `summary`, `detail`, ...).
    pub key: &'static str,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Section {
    pub fn new(key: &'static str, title: impl Into<String>, columns: &[Column]) -> Self {
        Section {
            key,
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }
}

/// A file that could not be read, named in every report so none is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invalid {
    pub file: String,
    pub problem: String,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The report's name (`overdue`, `sla`, ...), in JSON.
    pub name: &'static str,
    pub title: String,
    /// The instant the report was computed for.
    pub as_of: String,
    pub sections: Vec<Section>,
    /// Sentences shown after the tables.
    pub notes: Vec<String>,
    pub invalid: Vec<Invalid>,
    /// The commit of the ledger the report read, when it is in git.
    pub commit: Option<Stamp>,
    /// The language of its words (titles, headings, notes and values).
    pub lang: crate::i18n::Lang,
}

/// The commit a report describes, and whether the ledger's files differed
/// from it (uncommitted changes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    pub commit: String,
    pub dirty: bool,
}

impl Report {
    pub fn rows(&self) -> usize {
        self.sections.first().map_or(0, |s| s.rows.len())
    }
}
