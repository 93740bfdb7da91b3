//! `overdue`, `upcoming`, `sla`, `monthly`, `calendar` and `export`: glue between
//! their arguments and the reports.

use super::report::{Loaded, finish, warn_left_out};
use crate::cli::{
    CalendarArgs, Cli, ExportArgs, ExportFormat, MonthlyArgs, OverdueArgs, SlaArgs, UpcomingArgs,
};
use crate::{Environment, Failure, exit};
use ordo_core::reports::{calendar, export, monthly, overdue, sla, upcoming};

pub fn overdue(
    cli: &Cli,
    args: &OverdueArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let filters = overdue::Filters {
        forecast: args.forecast,
        owner: args.owner.clone(),
        role: args.role.clone(),
        customer: args.customer.clone(),
        priority: args.priority.clone(),
    };
    let (agendas, invalid) = loaded.agendas();
    let report = overdue::report(&loaded.book(), &agendas, &filters);
    Ok(finish(report, invalid, &args.report, args.fail_if_any, out))
}

pub fn upcoming(
    cli: &Cli,
    args: &UpcomingArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let within = args
        .within
        .parse()
        .map_err(|e| Failure::Usage(format!("--within: {e}")))?;
    let (agendas, invalid) = loaded.agendas();
    let report = upcoming::report(&loaded.book(), &agendas, &within)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(finish(report, invalid, &args.report, false, out))
}

pub fn sla(cli: &Cli, args: &SlaArgs, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let options = sla::Options {
        by: args.by.0,
        from: args.from,
        to: args.to,
        detail: args.detail,
    };
    let (measured, invalid) = loaded.fold(
        sla::Measured::default,
        |sum, book, order| sum.add(book, order, &options),
        sla::Measured::merge,
    );
    let report = sla::report(&loaded.book(), measured, &options);
    Ok(finish(report, invalid, &args.report, false, out))
}

pub fn monthly(
    cli: &Cli,
    args: &MonthlyArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let month = match &args.month {
        Some(text) => monthly::Month::parse(text)
            .ok_or_else(|| Failure::Usage(format!("--month: `{text}` is not YYYY-MM")))?,
        None => monthly::Month::previous(loaded.now.date_naive()),
    };
    let (parts, invalid) = loaded.each(|book, order| monthly::part(book, order, month));
    let parts: Vec<monthly::Part> = parts.into_iter().flatten().collect();
    let report = monthly::report(&loaded.book(), month, &parts);
    Ok(finish(report, invalid, &args.report, false, out))
}

pub fn calendar(
    cli: &Cli,
    args: &CalendarArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let (events, invalid) = loaded.each(calendar::events);
    let text = calendar::ics(&loaded.book(), events);
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
            let old = std::fs::read(&path).unwrap_or_default();
            if path.exists() {
                crate::edit::write::replace(&path, &old, text.as_bytes())
                    .map_err(|e| Failure::Io(e.to_string()))?;
            } else {
                crate::edit::write::create(&path, text.as_bytes())
                    .map_err(|e| Failure::Io(e.to_string()))?;
            }
        }
        None => give(out, text),
    }
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

pub fn export(
    cli: &Cli,
    args: &ExportArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env)?;
    let (rows, invalid) = loaded.each(export::rows);
    let report = export::report(&loaded.book(), rows);
    for invalid in &invalid {
        warn_left_out(invalid);
    }
    let text = match args.format {
        ExportFormat::Jsonl => crate::output::render::json::jsonl(&report),
        ExportFormat::Csv => {
            crate::output::render::render(&report, crate::output::render::Format::Csv)
        }
    };
    give(out, text);
    Ok(if args.strict && !invalid.is_empty() {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Hands a whole output over without copying it (a 100,000-order calendar is
/// 80 MB of text).
fn give(out: &mut Vec<u8>, text: String) {
    if out.is_empty() {
        *out = text.into_bytes();
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}
