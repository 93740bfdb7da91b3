//! `ordo list`: orders with status, stage and next due date, filtered, in every
//! report format.

use super::reporting::{Loaded, finish};
use crate::cli::{Cli, ListArgs};
use crate::{Environment, Failure};
use ordo_core::reports::listing;

pub fn run(
    cli: &Cli,
    args: &ListArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env, Some(args.report.format))?;
    let filters = listing::Filters {
        status: args.status.clone().unwrap_or_default(),
        customer: args.customer.clone().unwrap_or_default(),
        owner: args.owner.clone().unwrap_or_default(),
        priority: args.priority.clone().unwrap_or_default(),
        workflow: args.workflow.clone().unwrap_or_default(),
    };
    let (rows, invalid) = loaded.each(|book, order| listing::row(book, order, &filters));
    let report = listing::report(&loaded.book(), rows.into_iter().flatten().collect());
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}
