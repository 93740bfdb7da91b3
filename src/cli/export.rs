//! The arguments of `ordo export`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write every table into this folder, one file each (`DIR/<table>.<format>`).
    #[arg(short, long, value_name = "DIR", required_unless_present = "table")]
    pub output: Option<PathBuf>,
    /// Write one table to stdout instead: orders, lines, steps, installments,
    /// payments, amendments, incidents, holds, documents, progress or sla.
    #[arg(long, value_name = "NAME", conflicts_with = "output")]
    pub table: Option<String>,
    /// parquet (the default with -o), jsonl (the default with --table) or csv.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Exit 1 when some order files could not be read.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Parquet: typed columns (DECIMAL, DATE, TIMESTAMP), for analytics engines.
    Parquet,
    /// One JSON object per line, every column in every row.
    Jsonl,
    /// CSV with a header row.
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [
        ExportFormat::Parquet,
        ExportFormat::Jsonl,
        ExportFormat::Csv,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Parquet => "parquet",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Csv => "csv",
        }
    }
}
