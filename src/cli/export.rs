//! The arguments of `ordo export`.

use std::path::PathBuf;

use clap::Args;

use super::choice::Choice;
use crate::export::ExportFormat;
use ordo_core::reports::tables::Table;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write every table into this folder, one file each (`DIR/<table>.<format>`).
    #[arg(short, long, value_name = "DIR", required_unless_present = "table")]
    pub output: Option<PathBuf>,
    /// Write one table to stdout instead: orders, lines, steps, installments,
    /// payments, amendments, incidents, holds, documents, progress or sla.
    #[arg(long, value_name = "NAME", value_enum, conflicts_with = "output")]
    pub table: Option<Choice<Table>>,
    /// parquet (the default with -o), jsonl (the default with --table) or csv.
    #[arg(long, value_enum)]
    pub format: Option<Choice<ExportFormat>>,
    /// Exit 1 when some order files could not be read.
    #[arg(long)]
    pub strict: bool,
}
