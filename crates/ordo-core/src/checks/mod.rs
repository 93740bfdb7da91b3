//! The checks of `ordo validate`. Each takes the typed model and returns
//! findings; none reads files or the clock ("now" arrives in the context).

mod amendments;
mod calendar;
pub mod config;
pub mod credit;
mod credit_judge;
pub mod customer;
pub mod documents;
mod done_before;
pub mod expiring;
mod gates;
pub mod history;
pub mod identity;
mod lead_time;
pub mod levels;
mod payments;
mod progress;
mod references;
mod steps;
pub mod time;

use std::collections::{BTreeMap, BTreeSet};

use chrono::DateTime;
use chrono_tz::Tz;

use crate::finding::Finding;
use crate::layout::OrderFile;
use crate::model::id_format::IdFormat;
use crate::model::order::Order;
use crate::model::{Config, Customer};

pub use identity::duplicate_ids;

/// What every order check may look at besides the order.
pub struct Context<'a> {
    pub config: &'a Config,
    pub tz: Tz,
    pub now: DateTime<Tz>,
    /// Customer codes that have a file.
    pub customers: &'a BTreeSet<String>,
    /// The customers that could be read, for what an order takes from its
    /// customer (the documents kept on it).
    pub customer_records: &'a BTreeMap<String, Customer>,
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

/// Top-level keys of an order that did not decode: set aside so the checks
/// that do not read them can still run (see `salvage_order`).
pub type SetAside = BTreeSet<String>;

/// The order fields that decide which steps apply (`when`) and its status.
const SCHEDULE_KEYS: &[&str] = &[
    "kind",
    "priority",
    "channel",
    "customer",
    "owner",
    "workflow",
    "steps",
    "state",
    "lines",
    "received",
    "requested_delivery",
];

/// Every single-order check, but those that read a key set aside; findings
/// about a key set aside are left to the schema's.
pub fn check_order(
    ctx: &Context<'_>,
    file: &OrderFile,
    order: &Order,
    set_aside: &SetAside,
) -> Verdict {
    let reads = |keys: &[&str]| keys.iter().any(|k| set_aside.contains(*k));
    let mut out = Vec::new();
    if !reads(&["id", "received", "customer"]) {
        identity::check(ctx, file, order, &mut out);
    }
    if !reads(&["workflow"]) {
        references::check(ctx, &file.rel, order, &mut out);
    }
    if !reads(SCHEDULE_KEYS) {
        steps::check(ctx, &file.rel, order, &mut out);
        if !reads(&["confirmation", "contract", "dates"]) {
            done_before::check(ctx, &file.rel, order, &mut out);
        }
        if !reads(&["documents"]) {
            documents::check(ctx, &file.rel, order, &mut out);
        }
        if !reads(&["progress"]) {
            progress::check(ctx, &file.rel, order, &mut out);
        }
        if !reads(&[
            "contract",
            "payments",
            "documents",
            "ship_to",
            "shipment",
            "dates",
        ]) {
            gates::check(ctx, &file.rel, order, &mut out);
        }
        if !reads(&["confirmation", "contract", "dates", "requested_delivery"]) {
            lead_time::check(ctx, &file.rel, order, &mut out);
        }
    }
    // The dated fields that decoded are checked; those set aside are not there.
    let window = time::check(ctx, &file.rel, order, &mut out);
    if !reads(&["lines", "contract", "payments", "workflow"]) {
        payments::check(ctx, &file.rel, order, &mut out);
    }
    if !reads(&["channel", "confirmation", "state", "amendments"]) {
        amendments::check(ctx, &file.rel, order, &mut out);
    }
    if !reads(SCHEDULE_KEYS)
        && !reads(&[
            "received",
            "confirmation",
            "contract",
            "dates",
            "requested_delivery",
            "incidents",
            "holds",
        ])
    {
        calendar::check(ctx, &file.rel, order, &mut out);
    }
    if !set_aside.is_empty() {
        out.retain(|f| match &f.place {
            crate::finding::Place::Route(route, _) => !matches!(
                route.0.first(),
                Some(crate::yaml::Seg::Key(key)) if set_aside.contains(key)
            ),
            _ => true,
        });
    }
    Verdict {
        findings: out,
        window,
    }
}
