//! `ordo monthly`: the monthly order analysis.

use super::reporting::{finish, open as open_report};
use crate::cli::{Cli, MonthlyArgs};
use crate::{Environment, Failure};
use ordo_core::reports::monthly;

pub(crate) fn run(
    cli: &Cli,
    args: &MonthlyArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, Some(args.report.format))?;
    let month = match &args.month {
        Some(text) => monthly::Month::parse(text)
            .ok_or_else(|| Failure::usage(format!("--month: `{text}` is not YYYY-MM")))?,
        None => monthly::Month::previous(loaded.now.date_naive()),
    };
    // Each order is counted in as it is read; no part is kept.
    let (tally, invalid) = loaded.fold(
        || monthly::Tally::new(month),
        |mut tally, book, order| {
            if let Some(part) = monthly::part(book, order, month) {
                tally.add(&part);
            }
            tally
        },
        monthly::Tally::merge,
    );
    let report = monthly::report(&loaded.book(), &tally);
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}
