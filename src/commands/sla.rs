//! `ordo sla`: every SLA policy measured on every order, summed as the orders are read.

use super::reporting::{Loaded, finish};
use crate::cli::{Cli, SlaArgs};
use crate::{Environment, Failure};
use ordo_core::reports::sla;

pub fn run(cli: &Cli, args: &SlaArgs, env: &Environment, out: &mut Vec<u8>) -> Result<u8, Failure> {
    let loaded = Loaded::open(cli, env, Some(args.report.format))?;
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
    Ok(finish(
        report,
        invalid,
        loaded.stamp(),
        &args.report,
        false,
        out,
    ))
}
