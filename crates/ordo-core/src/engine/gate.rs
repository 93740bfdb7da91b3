//! Gates: what must hold before a step is done (installments paid in full,
//! fields of the order complete), judged at the instant the step is, or was,
//! done. `advance` refuses a step whose gate does not hold; `validate`
//! reports one done while it did not, without an override.

use std::cmp::Ordering;
use std::fmt;

use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::point::Point;
use super::schedule::Schedule;
use crate::model::config::{Config, Gate};
use crate::model::customer::installment_index;
use crate::model::moment::Moment;
use crate::model::order::Order;
use crate::model::workflow::Approval;

/// A condition of a gate that does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// An installment not paid in full by then.
    Unpaid { installment: String, owed: String },
    /// An installment the gate names that the order's terms do not have.
    NoInstallment { name: String },
    /// A field the order does not hold (or a document not received by then).
    Missing { field: String },
    /// An approval the order needs that was not done by then.
    NotApproved {
        /// The approval step.
        step: String,
        /// Why the order needs it (its customer's exposure over the limit).
        why: String,
    },
}

impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unmet::Unpaid { installment, owed } => {
                write!(
                    f,
                    "installment `{installment}` is not paid in full ({owed} owed)"
                )
            }
            Unmet::NoInstallment { name } => {
                write!(
                    f,
                    "the order's terms have no installment `{name}` to be paid"
                )
            }
            Unmet::Missing { field } => write!(f, "`{field}` is not recorded"),
            Unmet::NotApproved { step, why } => {
                write!(f, "the credit approval (step {step}) is not done: {why}")
            }
        }
    }
}

/// The fields `complete` may name (`dates.NAME` and `documents.KIND` besides).
pub const FIELDS: &[&str] = &[
    "lines",
    "ship_to",
    "ship_to.name",
    "ship_to.address",
    "ship_to.contact",
    "requested_delivery",
    "contract.payment_terms",
    "contract.signed",
    "contract.number",
    "contract.production_time",
    "confirmation.sent",
    "confirmation.signed",
    "shipment.carrier",
    "shipment.tracking",
];

/// Whether `complete` can name `field`.
pub fn is_field(field: &str) -> bool {
    FIELDS.contains(&field) || field.starts_with("dates.") || field.starts_with("documents.")
}

/// The conditions of `gate` that do not hold for the order at `at`. `credit`
/// is why the order needs its credit approval (its customer over the limit),
/// which only a look at the customer's other orders can tell; `None` when it
/// does not, or when the caller cannot tell (then `approved` is judged where
/// the ledger is read whole).
pub fn unmet(
    config: &Config,
    schedule: &Schedule<'_>,
    order: &Order,
    gate: &Gate,
    (at, tz): (&Moment, Tz),
    credit: Option<&str>,
) -> Vec<Unmet> {
    let mut out = Vec::new();
    if gate.approved == Some(Approval::Credit)
        && let Some(why) = credit
        && let Some(unmet) = approval_unmet(config, order, why, at, tz)
    {
        out.push(unmet);
    }
    if !gate.paid.is_empty() {
        unpaid(config, schedule, order, gate, at, tz, &mut out);
    }
    for field in &gate.complete {
        if !present(order, field, at, tz) {
            out.push(Unmet::Missing {
                field: field.clone(),
            });
        }
    }
    out
}

fn unpaid(
    config: &Config,
    schedule: &Schedule<'_>,
    order: &Order,
    gate: &Gate,
    at: &Moment,
    tz: Tz,
    out: &mut Vec<Unmet>,
) {
    let terms = order
        .contract
        .as_ref()
        .map(|c| c.payment_terms.as_slice())
        .unwrap_or_default();
    // What had been paid by then.
    let mut then = order.clone();
    then.payments
        .retain(|p| p.received.cmp_in(at, tz) != Ordering::Greater);
    let decimals = config.decimals_of(order.currency.as_deref());
    let Ok(allocation) = crate::model::money::allocate(&then, decimals) else {
        return;
    };
    let mut wanted: Vec<usize> = Vec::new();
    for name in &gate.paid {
        if name == "due" {
            // Every installment due by then: its due date has come.
            let by = Point::from_moment(at, tz).start(tz);
            wanted.extend(
                schedule
                    .installments
                    .iter()
                    .enumerate()
                    .filter_map(|(i, line)| {
                        let due = line.due.as_ref().ok()?.point?;
                        (due.start(tz) <= by).then_some(i)
                    }),
            );
        } else {
            match installment_index(terms, name) {
                Some(i) => wanted.push(i),
                None => out.push(Unmet::NoInstallment { name: name.clone() }),
            }
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    for i in wanted {
        let Some(installment) = allocation.installments.get(i) else {
            continue;
        };
        if installment.outstanding > Decimal::ZERO {
            out.push(Unmet::Unpaid {
                installment: terms[i].name.clone(),
                owed: crate::model::money::format(installment.outstanding, decimals),
            });
        }
    }
}

/// The credit approval an order needs (`why`), when it was not done by `at`.
pub fn approval_unmet(
    config: &Config,
    order: &Order,
    why: &str,
    at: &Moment,
    tz: Tz,
) -> Option<Unmet> {
    let step = &config.credit.as_ref()?.approval_step;
    let done = order.steps.get(step).and_then(|r| r.done.as_ref());
    match done {
        Some(done) if done.cmp_in(at, tz) != Ordering::Greater => None,
        _ => Some(Unmet::NotApproved {
            step: step.clone(),
            why: why.to_owned(),
        }),
    }
}

/// Whether the order holds `field` (a document: received by `at`).
fn present(order: &Order, field: &str, at: &Moment, tz: Tz) -> bool {
    let text = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
    let ship = order.ship_to.as_ref();
    let contract = order.contract.as_ref();
    match field {
        "lines" => {
            !order.lines.is_empty()
                && order.lines.iter().all(|l| {
                    !l.sku.trim().is_empty()
                        && text(&l.description)
                        && l.qty.0 > Decimal::ZERO
                        && l.unit_price.0 > Decimal::ZERO
                })
        }
        "ship_to" => {
            ship.is_some_and(|s| !s.name.trim().is_empty() && text(&s.address) && text(&s.contact))
        }
        "ship_to.name" => ship.is_some_and(|s| !s.name.trim().is_empty()),
        "ship_to.address" => ship.is_some_and(|s| text(&s.address)),
        "ship_to.contact" => ship.is_some_and(|s| text(&s.contact)),
        "requested_delivery" => order.requested_delivery.is_some(),
        "contract.payment_terms" => contract.is_some_and(|c| !c.payment_terms.is_empty()),
        "contract.signed" => contract.is_some_and(|c| c.signed.is_some()),
        "contract.number" => contract.is_some_and(|c| text(&c.number)),
        "contract.production_time" => contract.is_some_and(|c| c.production_time.is_some()),
        "confirmation.sent" => order
            .confirmation
            .as_ref()
            .is_some_and(|c| c.sent.is_some()),
        "confirmation.signed" => order
            .confirmation
            .as_ref()
            .is_some_and(|c| c.signed.is_some()),
        "shipment.carrier" => order
            .shipment
            .as_ref()
            .is_some_and(|s| !s.carrier.trim().is_empty()),
        "shipment.tracking" => order.shipment.as_ref().is_some_and(|s| text(&s.tracking)),
        _ => {
            if let Some(name) = field.strip_prefix("dates.") {
                order.dates.contains_key(name)
            } else if let Some(kind) = field.strip_prefix("documents.") {
                order
                    .documents
                    .iter()
                    .any(|d| d.kind == kind && d.received.cmp_in(at, tz) != Ordering::Greater)
            } else {
                false
            }
        }
    }
}
