//! `ordo sla`: every SLA policy measured on every order, summed as the orders are read.

use std::sync::Arc;

use super::reporting::{finish, finish_spooled, open as open_report};
use crate::cli::{Cli, ReportOptions, SlaArgs};
use crate::output::report::spool::Spool;
use crate::{Environment, Failure};
use ordo_core::reports::sla;

pub(crate) fn run(
    cli: &Cli,
    args: &SlaArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, Some(args.report.format))?;
    let options = sla::Options {
        by: args.by.0,
        from: args.from,
        to: args.to,
        detail: args.detail,
    };
    if options.detail {
        return detail(loaded, &options, &args.report);
    }
    let (measured, invalid) = loaded.fold(
        sla::Measured::default,
        |sum, book, order| sum.add(book, order, &options),
        sla::Measured::merge,
    );
    let report = sla::report(&loaded.book(), measured, &options);
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}

/// `--detail`: the summary is summed as the orders are read, a slice at a
/// time, and each measurement's row is set aside in a spool with what it
/// sorts by, then written out in that order: at 100,000 orders the half a
/// million rows are never in memory at once, as cells or as text.
fn detail(
    loaded: crate::ledger::opened::Opened,
    options: &sla::Options,
    report: &ReportOptions,
) -> Result<u8, Failure> {
    let book = loaded.book();
    let mut measured = sla::Measured::default();
    let mut spool = Spool::new().map_err(spool_failed)?;
    // One shared copy of each order's id for its rows' keys.
    let mut order: Arc<str> = Arc::from("");
    let left = loaded
        .ledger
        .stream_orders(
            |order| {
                let mut part = sla::Measured::default().add(&book, order, options);
                let rows = part.take_detail();
                (part, rows)
            },
            |parts| {
                for (part, rows) in parts {
                    measured = std::mem::take(&mut measured).merge(part);
                    for row in rows {
                        if *order != *row.order {
                            order = Arc::from(row.order.as_str());
                        }
                        let key = (row.policy, Arc::clone(&order), row.incident);
                        spool.add(key, &row.row)?;
                    }
                }
                Ok(())
            },
        )
        .map_err(spool_failed)?;
    let sealed = spool.seal().map_err(spool_failed)?;
    let made = sla::report(&book, measured, options);
    let section = made
        .sections
        .iter()
        .position(|s| s.key == sla::DETAIL_SECTION)
        .unwrap_or(made.sections.len());
    let invalid = super::reporting::invalid_of(&left);
    finish_spooled(made, (section, &sealed), invalid, loaded.stamp(), report)
}

fn spool_failed(error: std::io::Error) -> Failure {
    Failure::io(format!("cannot set the detail rows aside: {error}"))
}
