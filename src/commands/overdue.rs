//! `ordo overdue`: open steps and unpaid installments whose firm due date has passed.

use super::invocation::check_choices;
use super::reporting::{finish, open as open_report};
use crate::cli::{Cli, OverdueArgs};
use crate::{Environment, Failure};
use ordo_core::reports::overdue;

pub(crate) fn run(
    cli: &Cli,
    args: &OverdueArgs,
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
    check_choices("--role", &args.role, config.role_names())?;
    let filters = overdue::Filters {
        forecast: args.forecast,
        owner: args.owner.clone(),
        role: args.role.clone(),
        customer: args.customer.clone(),
        priority: args.priority.iter().map(|p| p.0).collect(),
    };
    let (agendas, invalid) = loaded.agendas();
    let book = loaded.book();
    let rows = overdue::rows(&book, &agendas, &filters);
    let report = overdue::report(&book, &rows, &loaded.ledger.customer_names());
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        args.fail_if_any,
        out,
    ))
}
