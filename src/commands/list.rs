//! `ordo list`: orders with status, stage and next due date, filtered, in every
//! report format.

use super::invocation::check_choices;
use super::reporting::{finish, open as open_report};
use crate::cli::{Cli, ListArgs};
use crate::{Environment, Failure};
use ordo_core::reports::listing;

pub(crate) fn run(
    cli: &Cli,
    args: &ListArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = open_report(cli, env, Some(args.report.format))?;
    let config = &loaded.ledger.config;
    check_choices(
        "--owner",
        &args.owner,
        config.people.keys().map(String::as_str),
    )?;
    check_choices(
        "--customer",
        &args.customer,
        loaded.ledger.customer_codes.iter().map(String::as_str),
    )?;
    check_choices(
        "--workflow",
        &args.workflow,
        config.workflows.keys().map(String::as_str),
    )?;
    let filters = listing::Filters {
        status: args.status.iter().map(|s| s.0).collect(),
        customer: args.customer.clone(),
        owner: args.owner.clone(),
        priority: args.priority.iter().map(|p| p.0).collect(),
        workflow: args.workflow.clone(),
    };
    // Every order's row comes from the cache where its file has not changed;
    // the filters apply to the rows.
    let (rows, invalid) = loaded.list_rows();
    let rows = rows.into_iter().filter(|r| filters.keeps(r)).collect();
    let report = listing::report(&loaded.book(), rows);
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}
