//! The checks of `ordo validate` (DESIGN 5). Each takes the typed model and returns
//! findings; none reads files or the clock ("now" arrives in the context).

mod amendments;
mod calendar;
pub mod config;
pub mod credit;
pub mod customer;
pub mod history;
mod identity;
mod payments;
mod references;
mod steps;
pub mod time;

use std::collections::BTreeSet;

use chrono::DateTime;
use chrono_tz::Tz;

use crate::finding::Finding;
use crate::ledger::files::OrderFile;
use crate::model::Config;
use crate::model::id_format::IdFormat;
use crate::model::order::Order;

pub use identity::duplicate_ids;

/// What every order check may look at besides the order.
pub struct Context<'a> {
    pub config: &'a Config,
    pub tz: Tz,
    pub now: DateTime<Tz>,
    /// Customer codes that have a file.
    pub customers: &'a BTreeSet<String>,
    /// The ledger's id format, when it is valid.
    pub id_format: Option<&'a IdFormat>,
    /// The working calendars, for the checks that compute due dates.
    pub calendars: Option<&'a crate::engine::due::Calendars>,
}

/// What the checks of one order found, and the span of "now" over which that
/// stays so (only `future` depends on "now").
#[derive(Debug)]
pub struct Verdict {
    pub findings: Vec<Finding>,
    pub window: time::Window,
}

/// The checks without which no command can use an order: its id names its file,
/// its local times exist, and its money can be computed. Every command's loader
/// runs them, so reports never count what `validate` refuses.
pub fn unusable(file: &OrderFile, order: &Order, tz: Tz) -> Vec<Finding> {
    let mut out: Vec<Finding> = identity::stem_mismatch(file, order).into_iter().collect();
    out.extend(time::missing_local_times(&file.rel, order, tz));
    let money = [
        crate::model::money::total(order),
        crate::model::money::paid(order),
    ];
    for overflow in money.into_iter().filter_map(Result::err) {
        out.push(amount_range(&file.rel, overflow));
    }
    if let Ok(total) = crate::model::money::total(order)
        && let Some(contract) = &order.contract
        && let Err(overflow) =
            crate::model::money::installment_amounts(total, &contract.payment_terms, 0)
    {
        out.push(amount_range(&file.rel, overflow));
    }
    out
}

fn amount_range(rel: &std::path::Path, overflow: crate::model::money::Overflow) -> Finding {
    Finding::error(
        crate::finding::Code::AmountRange,
        rel,
        "the amounts here are too large to compute with (over 28 digits)",
    )
    .at(overflow.route)
    .label("too large")
    .help("check the quantity and price; an amount has at most 28 significant digits")
}

/// Every single-order check.
pub fn check_order(ctx: &Context<'_>, file: &OrderFile, order: &Order) -> Verdict {
    let mut out = Vec::new();
    identity::check(ctx, file, order, &mut out);
    references::check(ctx, &file.rel, order, &mut out);
    steps::check(ctx, &file.rel, order, &mut out);
    let window = time::check(ctx, &file.rel, order, &mut out);
    payments::check(ctx, &file.rel, order, &mut out);
    amendments::check(ctx, &file.rel, order, &mut out);
    calendar::check(ctx, &file.rel, order, &mut out);
    Verdict {
        findings: out,
        window,
    }
}
