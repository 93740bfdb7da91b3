//! `ordo overdue`: open steps and unpaid installments whose firm due date has passed.

use super::reporting::{Loaded, finish};
use crate::cli::{Cli, OverdueArgs};
use crate::{Environment, Failure};
use ordo_core::reports::overdue;

pub fn run(
    cli: &Cli,
    args: &OverdueArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env, Some(args.report.format))?;
    let filters = overdue::Filters {
        forecast: args.forecast,
        owner: args.owner.clone(),
        role: args.role.clone(),
        customer: args.customer.clone(),
        priority: args.priority.clone(),
    };
    let (agendas, invalid) = loaded.agendas();
    let report = overdue::report(&loaded.book(), &agendas, &filters);
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        args.fail_if_any,
        out,
    ))
}
