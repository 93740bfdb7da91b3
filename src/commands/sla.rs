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
    let (measured, invalid) = if options.detail {
        // Every measurement is kept: one running sum, fed a slice of orders at
        // a time, instead of a partial sum per thread's share merged at the end
        // (which held the detail two and three times over).
        let book = loaded.book();
        let mut measured = sla::Measured::default();
        let left = loaded
            .ledger
            .stream_orders(
                |order| sla::Measured::default().add(&book, order, &options),
                |parts| {
                    for part in parts {
                        measured = std::mem::take(&mut measured).merge(part);
                    }
                    Ok::<(), std::convert::Infallible>(())
                },
            )
            .unwrap_or_else(|never| match never {});
        (measured, super::reporting::invalid_of(&left))
    } else {
        loaded.fold(
            sla::Measured::default,
            |sum, book, order| sum.add(book, order, &options),
            sla::Measured::merge,
        )
    };
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
