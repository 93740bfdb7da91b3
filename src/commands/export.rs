//! `ordo export`: orders and steps as flat rows for spreadsheets and BI tools.

use super::reporting::{Loaded, give, warn_left_out};
use crate::cli::{Cli, ExportArgs, ExportFormat};
use crate::{Environment, Failure, exit};
use ordo_core::reports::export;

pub fn run(
    cli: &Cli,
    args: &ExportArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env, Some(crate::output::report::Format::Csv))?;
    let (rows, invalid) = loaded.each(export::rows);
    let report = export::report(&loaded.book(), rows);
    for invalid in &invalid {
        warn_left_out(invalid);
    }
    let text = match args.format {
        ExportFormat::Jsonl => crate::output::report::json_v1::jsonl(&report),
        ExportFormat::Csv => {
            crate::output::report::render(&report, crate::output::report::Format::Csv)
        }
    };
    give(out, text);
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
