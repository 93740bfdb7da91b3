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

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::finding::{Code, Finding};
use crate::model::money::{self, exact_add};
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
}

impl Exposure {
    pub fn of(config: &Config, rel: PathBuf, order: &Order) -> Self {
        let state = config
            .workflow_of(order.workflow.as_deref())
            .map(|(name, wf)| status(config, order, name, wf).0);
        let live = state.is_some_and(|s| s.is_live());
        let cancelled = state == Some(crate::model::status::Status::Cancelled);
        let approved = config.credit.as_ref().is_some_and(|c| {
            order
                .steps
                .get(&c.approval_step)
                .is_some_and(|r| r.done.is_some())
        });
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
            approved,
        }
    }

    /// What the order still owed at `at` (in its own currency).
    fn owed_at(&self, at: &Moment, tz: Tz) -> Decimal {
        let paid: Decimal = self
            .payments
            .iter()
            .filter(|(when, _)| when.cmp_in(at, tz) != Ordering::Greater)
            .filter_map(|(_, amount)| amount.parse::<Decimal>().ok())
            .sum();
        (self.total - paid).max(Decimal::ZERO)
    }
}

/// Credit findings for one customer, given every order of that customer in the
/// ledger; findings go to the orders `selected` accepts.
pub fn check_customer(
    config: &Config,
    now: DateTime<Tz>,
    customer: &Customer,
    mut orders: Vec<&Exposure>,
    selected: &dyn Fn(&PathBuf) -> bool,
) -> Vec<Finding> {
    let (Some(limit), Some(credit)) = (config.credit_limit_of(customer), &config.credit) else {
        return Vec::new();
    };
    let tz = now.timezone();
    orders.sort_by(|a, b| {
        a.received
            .cmp_in(&b.received, tz)
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut out = Vec::new();
    // What cannot be converted is said once per order, and left out of sums.
    let convert = |o: &Exposure, amount: Decimal, day: NaiveDate| {
        let rate = config.rate_into_ledger(o.currency.as_deref(), day)?;
        money::exact_mul(amount, rate).map(|a| a.round_dp(2))
    };
    for order in &orders {
        if convert(order, Decimal::ONE, now.date_naive()).is_none()
            && (!order.outstanding.is_zero() || !order.total.is_zero())
            && selected(&order.rel)
        {
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
    }
    let over = |exposure: Decimal| exposure > limit;
    let mut now_exposure = Decimal::ZERO;
    for order in &orders {
        let Some(mine) = convert(order, order.outstanding, now.date_naive()) else {
            continue;
        };
        let Some(sum) = exact_add(now_exposure, mine) else {
            if selected(&order.rel) {
                out.push(too_large(customer, order));
            }
            continue;
        };
        now_exposure = sum;
        if order.approved || !selected(&order.rel) {
            continue;
        }
        // What the customer owed when this order was reviewed, by the orders
        // received by then.
        let then = order.reviewed.and_then(|at| {
            let day = at.local_date(tz);
            orders
                .iter()
                .filter(|o| o.received.cmp_in(&at, tz) != Ordering::Greater)
                .try_fold(Decimal::ZERO, |sum, o| {
                    exact_add(sum, convert(o, o.owed_at(&at, tz), day).unwrap_or_default())
                })
                .map(|sum| (at, sum))
        });
        let message = match then {
            Some((at, exposure)) if over(exposure) => format!(
                "{}'s exposure was {} when this order was reviewed ({at}), over its credit limit of {}",
                customer.code,
                exposure.normalize(),
                limit.normalize()
            ),
            _ if !mine.is_zero() && over(now_exposure) => format!(
                "{}'s open exposure reaches {} with this order, over its credit limit of {}",
                customer.code,
                now_exposure.normalize(),
                limit.normalize()
            ),
            _ => continue,
        };
        out.push(
            Finding::error(Code::CreditLimit, order.rel.as_path(), message)
                .at(Route::keys(&["customer"]))
                .label("over the credit limit")
                .help(format!(
                    "the order needs step {} (credit approval) done before it goes on{}",
                    credit.approval_step,
                    if customer.credit_limit.is_none() {
                        "; the customer has no limit of its own, so the ledger's default_limit applies"
                    } else {
                        ""
                    }
                )),
        );
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
