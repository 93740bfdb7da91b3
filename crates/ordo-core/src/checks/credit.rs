//! `credit-limit`: when a customer's open exposure (what its open orders still owe)
//! goes over its credit limit, the order that takes it over needs the approval step
//! done (SOP: the sales director approves orders over the limit).

use std::path::PathBuf;

use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::finding::{Code, Finding};
use crate::model::money;
use crate::model::order::Order;
use crate::model::status::status;
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
    /// Total less payments, when the order is open or on hold; zero otherwise.
    #[serde(with = "rust_decimal::serde::str")]
    pub outstanding: Decimal,
    pub approved: bool,
}

impl Exposure {
    pub fn of(config: &Config, rel: PathBuf, order: &Order) -> Self {
        let open = config
            .workflow_of(order.workflow.as_deref())
            .is_some_and(|(name, wf)| status(config, order, name, wf).0.is_live());
        let approved = config.credit.as_ref().is_some_and(|c| {
            order
                .steps
                .get(&c.approval_step)
                .is_some_and(|r| r.done.is_some())
        });
        Exposure {
            rel,
            id: order.id.clone(),
            customer: order.customer.clone(),
            received: order.received.0,
            // Orders come from the loader, which refuses money it cannot compute.
            outstanding: match (open, money::total(order), money::paid(order)) {
                (true, Ok(total), Ok(paid)) => (total - paid).max(Decimal::ZERO),
                _ => Decimal::ZERO,
            },
            approved,
        }
    }
}

/// Credit findings for one customer, given every order of that customer in the
/// ledger; findings go to the orders `selected` accepts.
pub fn check_customer(
    config: &Config,
    tz: Tz,
    customer: &Customer,
    mut orders: Vec<&Exposure>,
    selected: &dyn Fn(&PathBuf) -> bool,
) -> Vec<Finding> {
    let (Some(limit), Some(credit)) = (customer.credit_limit, &config.credit) else {
        return Vec::new();
    };
    orders.sort_by(|a, b| {
        a.received
            .cmp_in(&b.received, tz)
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut exposure = Decimal::ZERO;
    let mut out = Vec::new();
    for order in orders {
        if order.outstanding.is_zero() {
            continue;
        }
        let Some(sum) = crate::model::money::exact_add(exposure, order.outstanding) else {
            // Past any limit, and past what a decimal can hold.
            if selected(&order.rel) {
                out.push(
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
                    .help("check the amounts of this customer's open orders"),
                );
            }
            continue;
        };
        exposure = sum;
        if exposure > limit.0 && !order.approved && selected(&order.rel) {
            out.push(
                Finding::error(
                    Code::CreditLimit,
                    order.rel.as_path(),
                    format!(
                        "{}'s open exposure reaches {} with this order, over its credit limit of {}",
                        customer.code,
                        exposure.normalize(),
                        limit.0.normalize()
                    ),
                )
                .at(Route::keys(&["customer"]))
                .label("over the credit limit")
                .help(format!(
                    "the order needs step {} (credit approval) done before it goes on",
                    credit.approval_step
                )),
            );
        }
    }
    out
}
