//! Credit judged over one customer's orders: which orders take the customer
//! over its limit, when they were reviewed or now. Each order's moments are
//! resolved once, since the judgement at review compares every order's
//! payments with every review.

use std::cmp::Ordering;

use chrono::{DateTime, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::credit::Exposure;
use crate::model::money::{self, exact_add};
use crate::model::{Config, Customer, Moment};

/// A moment as [`Moment::cmp_in`] compares it, resolved once: by instant when
/// both have a time, else by date.
#[derive(Debug, Clone, Copy)]
struct Key {
    date: NaiveDate,
    instant: Option<DateTime<chrono::Utc>>,
}

impl Key {
    fn of(moment: &Moment, tz: Tz) -> Key {
        use crate::model::moment::Resolved;
        let instant = moment.has_time().then(|| match moment.resolve(tz) {
            Resolved::One(dt) | Resolved::Ambiguous(dt) => Some(dt.to_utc()),
            Resolved::Missing => None,
        });
        Key {
            date: moment.local_date(tz),
            instant: instant.flatten(),
        }
    }

    fn cmp(&self, other: &Key) -> Ordering {
        match (self.instant, other.instant) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.date.cmp(&other.date),
        }
    }
}

/// An order's exposure with its moments resolved and its payments read.
struct Prepared<'e> {
    order: &'e Exposure,
    received: Key,
    payments: Vec<(Key, Decimal)>,
}

impl<'e> Prepared<'e> {
    fn of(order: &'e Exposure, tz: Tz) -> Self {
        Prepared {
            order,
            received: Key::of(&order.received, tz),
            payments: order
                .payments
                .iter()
                .filter_map(|(when, amount)| Some((Key::of(when, tz), amount.parse().ok()?)))
                .collect(),
        }
    }

    /// What the order still owed at `at` (in its own currency).
    fn owed_at(&self, at: Key) -> Decimal {
        if self.order.total.is_zero() {
            return Decimal::ZERO;
        }
        let paid: Decimal = self
            .payments
            .iter()
            .filter(|(when, _)| when.cmp(&at) != Ordering::Greater)
            .map(|(_, amount)| *amount)
            .sum();
        (self.order.total - paid).max(Decimal::ZERO)
    }
}

/// What credit control makes of one customer's orders.
#[derive(Debug, Default)]
pub struct Judged<'e> {
    /// Orders in a currency without a rate into the ledger's.
    pub no_rate: Vec<&'e Exposure>,
    /// Orders whose exposure overflows.
    pub too_large: Vec<&'e Exposure>,
    /// Orders that take the customer over its limit (when reviewed, or now),
    /// approved or not, with why.
    pub over: Vec<(&'e Exposure, OverLimit)>,
}

/// Why an order needs its credit approval: its customer's exposure over the
/// limit when the order was reviewed, or now with the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverLimit {
    pub customer: String,
    /// In the ledger's currency.
    pub exposure: Decimal,
    pub limit: Decimal,
    /// When the order was reviewed, when it was over then; `None`: over now.
    pub reviewed: Option<Moment>,
}

impl OverLimit {
    /// In words, in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        let exposure = self.exposure.normalize().to_string();
        let limit = self.limit.normalize().to_string();
        let mut args = vec![
            ("customer", self.customer.as_str().into()),
            ("exposure", exposure.as_str().into()),
            ("limit", limit.as_str().into()),
        ];
        let at = self.reviewed.map(|at| at.to_string());
        match &at {
            Some(at) => {
                args.push(("at", at.as_str().into()));
                crate::i18n::tr(lang, "credit-over-at-review", &args)
            }
            None => crate::i18n::tr(lang, "credit-over-now", &args),
        }
    }
}

/// In English, as findings and refusals say it.
impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::i18n::Lang::En))
    }
}

/// Judges the credit of one customer, given every order of that customer in
/// the ledger; only the orders `wanted` takes are judged over the limit.
pub fn judge<'e>(
    config: &Config,
    now: DateTime<Tz>,
    customer: &Customer,
    mut orders: Vec<&'e Exposure>,
    wanted: &dyn Fn(&Exposure) -> bool,
) -> Judged<'e> {
    let mut out = Judged::default();
    let Some(limit) = config.credit_limit_of(customer) else {
        return out;
    };
    let tz = now.timezone();
    // Every moment resolved once: the judgement at review compares each
    // order's payments with the other orders' reviews, which resolving on
    // each comparison made the slow part of a warm report.
    let mut prepared: Vec<Prepared<'e>> = orders.drain(..).map(|o| Prepared::of(o, tz)).collect();
    prepared.sort_by(|a, b| {
        a.received
            .cmp(&b.received)
            .then_with(|| a.order.id.cmp(&b.order.id))
    });
    let orders: Vec<&'e Exposure> = prepared.iter().map(|p| p.order).collect();
    // What cannot be converted is said once per order, and left out of sums.
    let convert = |o: &Exposure, amount: Decimal, day: NaiveDate| {
        let rate = config.rate_into_ledger(o.currency.as_deref(), day)?;
        money::exact_mul(amount, rate).map(|a| a.round_dp(2))
    };
    for order in &orders {
        if convert(order, Decimal::ONE, now.date_naive()).is_none()
            && (!order.outstanding.is_zero() || !order.total.is_zero())
        {
            out.no_rate.push(order);
        }
    }
    let over = |exposure: Decimal| exposure > limit;
    let mut now_exposure = Decimal::ZERO;
    for order in &orders {
        let Some(mine) = convert(order, order.outstanding, now.date_naive()) else {
            continue;
        };
        let Some(sum) = exact_add(now_exposure, mine) else {
            out.too_large.push(order);
            continue;
        };
        now_exposure = sum;
        if !wanted(order) {
            continue;
        }
        // What the customer owed when this order was reviewed, by the orders
        // received by then.
        let then = order.reviewed.and_then(|at| {
            let day = at.local_date(tz);
            let key = Key::of(&at, tz);
            prepared
                .iter()
                .filter(|p| p.received.cmp(&key) != Ordering::Greater)
                .try_fold(Decimal::ZERO, |sum, p| {
                    let owed = p.owed_at(key);
                    if owed.is_zero() {
                        return Some(sum);
                    }
                    exact_add(sum, convert(p.order, owed, day).unwrap_or_default())
                })
                .map(|sum| (at, sum))
        });
        let why = match then {
            Some((at, exposure)) if over(exposure) => OverLimit {
                customer: customer.code.clone(),
                exposure,
                limit,
                reviewed: Some(at),
            },
            _ if !mine.is_zero() && over(now_exposure) => OverLimit {
                customer: customer.code.clone(),
                exposure: now_exposure,
                limit,
                reviewed: None,
            },
            _ => continue,
        };
        out.over.push((order, why));
    }
    out
}
