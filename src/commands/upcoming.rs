//! `ordo upcoming`: steps, payments and reminders falling due within `--within`.

use super::reporting::{finish, open as open_report};
use crate::cli::{Cli, UpcomingArgs};
use crate::{Environment, Failure};
use ordo_core::reports::upcoming;

pub(crate) fn run(
    cli: &Cli,
    args: &UpcomingArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, Some(args.report.format))?;
    let within = args
        .within
        .parse()
        .map_err(|e| Failure::usage(format!("--within: {e}")))?;
    let (agendas, invalid) = loaded.agendas();
    let book = loaded.book();
    let rows =
        upcoming::rows(&book, &agendas, &within).map_err(|e| Failure::usage(e.to_string()))?;
    let report = upcoming::report(&book, &rows, &within, &loaded.ledger.customer_names());
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}
