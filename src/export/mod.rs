//! The writers of `ordo export`: a table as Parquet, JSON Lines or CSV,
//! written row slice by row slice.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use ordo_core::reports::tables::{Column, Rows, Value};

mod parquet;
mod text;

/// A table being written.
pub trait TableWriter: Send {
    /// Writes rows of one order (each holding the table's own columns; the
    /// writer adds `order_id` and the shared columns).
    fn write(&mut self, order_id: &str, rows: &Rows<'_>) -> Result<(), WriteFailure>;
    /// Ends the table; says which decimal columns held values the format
    /// could not hold exactly (left null).
    fn finish(self: Box<Self>) -> Result<Inexact, WriteFailure>;
}

/// Decimal values left null because they had more decimals than their
/// column's scale, by column.
#[derive(Debug, Default, Clone)]
pub struct Inexact {
    pub columns: BTreeMap<String, usize>,
}

impl Inexact {
    pub fn add(&mut self, column: &str, count: usize) {
        *self.columns.entry(column.to_owned()).or_default() += count;
    }
}

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteFailure {
    /// The reader went away (`ordo export --table steps | head`): a normal
    /// end, not a failure.
    #[error("the reader closed the output")]
    Closed,
    #[error("{0}")]
    Failed(String),
}

impl WriteFailure {
    /// Any other error, in words.
    pub fn failed(error: impl std::fmt::Display) -> WriteFailure {
        WriteFailure::Failed(error.to_string())
    }
}

impl From<WriteFailure> for crate::Failure {
    fn from(failure: WriteFailure) -> Self {
        crate::Failure::io(failure.to_string())
    }
}

impl From<std::io::Error> for WriteFailure {
    fn from(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            WriteFailure::Closed
        } else {
            WriteFailure::failed(error)
        }
    }
}

/// The ledger's facts every writer needs.
pub struct Setting<'a> {
    pub money_scale: u32,
    pub tz: &'a str,
    /// The values after `order_id` every row shares (the as-of instant, the commit).
    pub common: Vec<Value<'static>>,
}

/// A writer of `columns` in `format` onto `out`.
pub fn writer<W: Write + Send + 'static>(
    format: ExportFormat,
    out: W,
    columns: Vec<Column>,
    setting: &Setting<'_>,
) -> Result<Box<dyn TableWriter>, WriteFailure> {
    let out = BufWriter::with_capacity(1 << 16, out);
    Ok(match format {
        ExportFormat::Parquet => Box::new(parquet::ParquetWriter::new(
            out,
            columns,
            setting.common.clone(),
            setting.money_scale,
            setting.tz,
        )?),
        ExportFormat::Jsonl => Box::new(text::JsonLines::new(out, &columns, &setting.common)),
        ExportFormat::Csv => Box::new(text::Csv::new(out, &columns, &setting.common)?),
    })
}

/// The formats of the export's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Parquet: typed columns (DECIMAL, DATE, TIMESTAMP), for analytics engines.
    Parquet,
    /// One JSON object per line, every column in every row.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::Parquet,
        ExportFormat::Jsonl,
        ExportFormat::Csv,
    ];

    /// The files' extension, and the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Parquet => "parquet",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
        }
    }

    pub fn as_str(self) -> &'static str {
        self.extension()
    }
}
