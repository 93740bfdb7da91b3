//! `credit-limit`: a customer's exposure is what all its orders that are not
//! cancelled still owe (open ones and those awaiting payment), in the ledger's
//! currency through the rates under `fx`. It is judged twice for each order:
//! when the order was reviewed (what was owed then, by the orders received by
//! then) and now. Over the customer's limit (or the ledger's default limit for
//! a customer that has none), the order needs the approval step done (SOP: the
//! sales director approves orders over the limit). An amount in a currency
//! without a rate is a finding, never counted one for one.

use std::cmp::Ordering;
use std::path::PathBuf;

use chrono::DateTime;
use chrono_tz::Tz;
use rust_decimal::Decimal;

pub use super::credit_judge::{Judged, OverLimit, judge};
use crate::finding::{Code, Finding};
use crate::model::money;
use crate::model::order::Order;
use crate::model::status::status;
use crate::model::workflow::Approval;
use crate::model::{Config, Customer, Moment};
use crate::yaml::Route;

/// What credit control needs of one order: kept instead of the order itself, so a
/// whole-ledger run does not hold every order in memory.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Exposure {
    pub rel: PathBuf,
    pub id: String,
    pub customer: String,
    pub received: Moment,
    pub currency: Option<String>,
    /// Total less payments, while the order is open, on hold or awaiting
    /// payment; zero otherwise.
    #[serde(with = "rust_decimal::serde::str")]
    pub outstanding: Decimal,
    /// The order's total, and each payment with the day it came (for what was
    /// owed when an order was reviewed); empty for a cancelled order.
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub payments: Vec<(Moment, String)>,
    /// When its review step was done.
    pub reviewed: Option<Moment>,
    pub approved: bool,
    /// Steps gated on the credit approval (`approved: credit`) that were done,
    /// without an override, while the approval was not: each with when.
    pub unapproved_steps: Vec<(String, Moment)>,
    /// Whether its workflow gates steps on the credit approval: then an order
    /// waiting for its approval is on the approver's agenda, and only a gated
    /// step done without it is an error.
    pub gated: bool,
}

impl Exposure {
    pub fn of(config: &Config, tz: Tz, rel: PathBuf, order: &Order) -> Self {
        let state = config
            .workflow_of(order.workflow.as_deref())
            .map(|(name, wf)| status(config, order, name, wf).0);
        Self::with_status(config, tz, rel, order, state)
    }

    /// [`Exposure::of`] for a caller that has the order's status at hand
    /// (from its schedule); `None` when its workflow is unknown.
    pub fn with_status(
        config: &Config,
        tz: Tz,
        rel: PathBuf,
        order: &Order,
        state: Option<crate::model::status::Status>,
    ) -> Self {
        let live = state.is_some_and(|s| s.is_live());
        let cancelled = state == Some(crate::model::status::Status::Cancelled);
        let approved_at = config
            .credit
            .as_ref()
            .and_then(|c| order.steps.get(&c.approval_step)?.done);
        let gated_steps: Vec<&crate::model::config::Step> = config
            .workflow_of(order.workflow.as_deref())
            .map(|(_, wf)| {
                wf.steps
                    .iter()
                    .filter(|s| s.gate.as_ref().and_then(|g| g.approved) == Some(Approval::Credit))
                    .collect()
            })
            .unwrap_or_default();
        let unapproved_steps = gated_steps
            .iter()
            .filter_map(|s| {
                let record = order.steps.get(&s.id)?;
                let done = record.done?;
                let early = approved_at.is_none_or(|a| a.cmp_in(&done, tz) == Ordering::Greater);
                (record.overridden.is_none() && early).then(|| (s.id.clone(), done))
            })
            .collect();
        let reviewed = config
            .workflow_of(order.workflow.as_deref())
            .and_then(|(_, wf)| wf.review_step.as_ref())
            .and_then(|step| order.steps.get(step)?.done);
        // Orders come from the loader, which refuses money it cannot compute.
        let (total, paid) = (money::total(order), money::paid(order));
        Exposure {
            rel,
            id: order.id.clone(),
            customer: order.customer.clone(),
            received: order.received.0,
            currency: order.currency.clone(),
            outstanding: match (live, &total, &paid) {
                (true, Ok(total), Ok(paid)) => (*total - *paid).max(Decimal::ZERO),
                _ => Decimal::ZERO,
            },
            total: if cancelled {
                Decimal::ZERO
            } else {
                total.unwrap_or_default()
            },
            payments: if cancelled {
                Vec::new()
            } else {
                order
                    .payments
                    .iter()
                    .map(|p| (p.received, p.amount.0.to_string()))
                    .collect()
            },
            reviewed,
            approved: approved_at.is_some(),
            gated: !gated_steps.is_empty(),
            unapproved_steps,
        }
    }
}

/// Credit findings for one customer, given every order of that customer in the
/// ledger; findings go to the orders `selected` accepts: an order over the
/// limit without its approval (`credit-limit`), and a step gated on the
/// approval done before it (`gate`).
pub fn check_customer(
    config: &Config,
    now: DateTime<Tz>,
    customer: &Customer,
    orders: Vec<&Exposure>,
    selected: &dyn Fn(&PathBuf) -> bool,
) -> Vec<Finding> {
    let Some(credit) = &config.credit else {
        return Vec::new();
    };
    // An approved order is judged only for the steps done before its approval.
    let wanted = |o: &Exposure| selected(&o.rel) && (!o.approved || !o.unapproved_steps.is_empty());
    let judged = judge(config, now, customer, orders, &wanted);
    let mut out = Vec::new();
    for order in judged.no_rate.iter().filter(|o| selected(&o.rel)) {
        out.push(
            Finding::error(
                Code::CreditLimit,
                order.rel.as_path(),
                format!(
                    "the order is in {}, which has no rate into {} under `fx` in ordo.yaml: \
                     {}'s credit exposure cannot be judged",
                    order.currency.as_deref().unwrap_or_default(),
                    config.currency.as_deref().unwrap_or_default(),
                    customer.code
                ),
            )
            .at(Route::keys(&["currency"]))
            .label("no exchange rate")
            .help(format!(
                "give the rate under `fx` in ordo.yaml, e.g. fx: {{{}: 7.10}}",
                order.currency.as_deref().unwrap_or("USD")
            )),
        );
    }
    for order in judged.too_large.iter().filter(|o| selected(&o.rel)) {
        out.push(too_large(customer, order));
    }
    for (order, why) in judged.over {
        if !order.approved {
            let default = if customer.credit_limit.is_none() {
                "; the customer has no limit of its own, so the ledger's default_limit applies"
            } else {
                ""
            };
            // Where steps wait for the approval, an order waiting for it is
            // work on the approver's agenda, not a mistake in the file.
            let (finding, help) = if order.gated {
                (
                    Finding::warning(Code::CreditLimit, order.rel.as_path(), why.to_string()),
                    format!(
                        "step {} (credit approval) is on the approver's agenda; the steps gated on it wait for it{default}",
                        credit.approval_step
                    ),
                )
            } else {
                (
                    Finding::error(Code::CreditLimit, order.rel.as_path(), why.to_string()),
                    format!(
                        "the order needs step {} (credit approval) done before it goes on{default}",
                        credit.approval_step
                    ),
                )
            };
            out.push(
                finding
                    .at(Route::keys(&["customer"]))
                    .label("over the credit limit")
                    .help(help),
            );
        }
        for (step, done) in &order.unapproved_steps {
            out.push(
                Finding::error(
                    Code::Gate,
                    order.rel.as_path(),
                    format!(
                        "step {step} was done {done} before its gate held: the credit approval (step {}) was not done: {why}",
                        credit.approval_step
                    ),
                )
                .at(Route::keys(&["steps", step, "done"]))
                .label("gate not held")
                .help(format!(
                    "if it was decided so, record who decided, when and why: override: {{by: PERSON, at: WHEN, reason: TEXT}} on steps.{step}"
                )),
            );
        }
    }
    out
}

/// The orders of the ledger that need their credit approval and do not have
/// it, by id, each with why: what the agenda puts before the approver.
pub fn awaiting_approval(
    config: &Config,
    now: DateTime<Tz>,
    customers: &std::collections::BTreeMap<String, Customer>,
    exposures: &[impl std::borrow::Borrow<Exposure>],
) -> std::collections::HashMap<String, OverLimit> {
    let mut by_customer: std::collections::HashMap<&str, Vec<&Exposure>> =
        std::collections::HashMap::new();
    for e in exposures.iter().map(std::borrow::Borrow::borrow) {
        by_customer.entry(e.customer.as_str()).or_default().push(e);
    }
    let mut out = std::collections::HashMap::new();
    if config.credit.is_none() {
        return out;
    }
    for (code, orders) in by_customer {
        let Some(customer) = customers.get(code) else {
            continue;
        };
        for (order, why) in judge(config, now, customer, orders, &|o| !o.approved).over {
            out.insert(order.id.clone(), why);
        }
    }
    out
}

fn too_large(customer: &Customer, order: &Exposure) -> Finding {
    Finding::error(
        Code::AmountRange,
        order.rel.as_path(),
        format!(
            "{}'s open exposure is too large to compute with this order",
            customer.code
        ),
    )
    .at(Route::keys(&["customer"]))
    .label("exposure too large")
    .help("check the amounts of this customer's open orders")
}

#[cfg(test)]
#[path = "credit_tests.rs"]
mod tests;
