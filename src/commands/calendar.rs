//! `ordo calendar`: open steps and unpaid installments as iCalendar events.

use super::reporting::{give, open as open_report, warn_left_out};
use crate::cli::{CalendarArgs, Cli};
use crate::{Environment, Failure, exit};
use ordo_core::reports::calendar;

pub fn run(
    cli: &Cli,
    args: &CalendarArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, None)?;
    let (events, invalid) = loaded.each(calendar::events);
    let book = loaded.book();
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
                .map_err(|e| Failure::Io(e.to_string()))?;
        }
        None => give(out, text.into_bytes()),
    }
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}
