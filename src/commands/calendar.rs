//! `ordo calendar`: open steps and unpaid installments as iCalendar events.

use super::reporting::{give, open as open_report, warn_left_out};
use crate::cli::{CalendarArgs, Cli};
use crate::ledger::opened::read_awaiting;
use crate::{Environment, Failure, exit};
use ordo_core::checks::credit::{Exposure, awaiting_approval};
use ordo_core::reports::calendar;

pub(crate) fn run(
    cli: &Cli,
    args: &CalendarArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, None)?;
    let ledger = &loaded.ledger;
    let credit = ledger.config.approval_is_dated();
    // Each order's events, and what credit control needs of it, in one read.
    let (parts, invalid) = loaded.each(|book, order| {
        let exposure =
            credit.then(|| Exposure::of(book.config, book.tz, std::path::PathBuf::new(), order));
        (calendar::events(book, order), exposure)
    });
    let book = loaded.book();
    let (mut events, exposures): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    let exposures: Vec<Exposure> = exposures.into_iter().flatten().collect();
    // The credit approvals the customers' exposure asks for, on the
    // approver's calendar: the few orders awaiting one are read again.
    let awaiting = awaiting_approval(&ledger.config, book.now, &ledger.customers, &exposures);
    for read in read_awaiting(ledger, &awaiting).map_err(Failure::io)? {
        events.push(calendar::approval_events(&book, &read.order));
    }
    let text = calendar::ics(
        &calendar::ledger_calendar_name(&book),
        events.iter().flatten(),
    );
    for invalid in &invalid {
        warn_left_out(invalid);
    }
    match &args.output {
        Some(path) => {
            let path = if path.is_absolute() {
                path.clone()
            } else {
                env.cwd.join(path)
            };
            crate::edit::output::output(&path, text.as_bytes())
                .map_err(|e| Failure::io(e.to_string()))?;
        }
        None => give(out, text.into_bytes()),
    }
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
