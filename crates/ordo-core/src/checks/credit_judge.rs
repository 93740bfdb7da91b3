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

    /// The day after which the order owes nothing for good (paid in full by
    /// its last payment, or nothing to pay); `None` while it still owes.
    fn settled_by(&self) -> Option<NaiveDate> {
        if self.order.total.is_zero() {
            return Some(NaiveDate::MIN);
        }
        let paid: Decimal = self.payments.iter().map(|(_, amount)| *amount).sum();
        (self.order.total - paid <= Decimal::ZERO)
            .then(|| self.payments.iter().map(|(when, _)| when.date).max())
            .flatten()
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
    let at_review = owed_at_reviews(&prepared, tz, wanted, &convert);
    let mut now_exposure = Decimal::ZERO;
    for (i, order) in orders.iter().enumerate() {
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
        // What the customer owed when this order was reviewed.
        let then = order
            .reviewed
            .and_then(|at| at_review.get(i).copied().flatten().map(|sum| (at, sum)));
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

/// What the customer owed when each order `wanted` was reviewed, by the
/// orders received by then (in the ledger's currency at the review's day;
/// `None` for an order not judged, or a sum too large), by position in
/// `prepared`. The reviews are taken in date order beside the orders still
/// owing something: an order paid in full before a review's day owes
/// nothing then, so each sum runs over the orders open at the time, not
/// over every order the customer ever had (a customer of 20,000 orders made
/// this quadratic: 87 s of a warm validate at 1,000,000 orders).
fn owed_at_reviews(
    prepared: &[Prepared<'_>],
    tz: Tz,
    wanted: &dyn Fn(&Exposure) -> bool,
    convert: &dyn Fn(&Exposure, Decimal, NaiveDate) -> Option<Decimal>,
) -> Vec<Option<Decimal>> {
    let mut out = vec![None; prepared.len()];
    let mut reviews: Vec<(usize, Key, NaiveDate)> = prepared
        .iter()
        .enumerate()
        .filter(|(_, p)| wanted(p.order))
        .filter_map(|(i, p)| {
            let at = p.order.reviewed.as_ref()?;
            Some((i, Key::of(at, tz), at.local_date(tz)))
        })
        .collect();
    reviews.sort_by_key(|(_, _, day)| *day);
    let mut by_received: Vec<usize> = (0..prepared.len()).collect();
    by_received.sort_by_key(|&i| prepared[i].received.date);
    let settled: Vec<Option<NaiveDate>> = prepared.iter().map(Prepared::settled_by).collect();
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    for (i, key, day) in reviews {
        // Received on or before the review's day (a superset of "by the
        // review", which the sum checks exactly) ...
        while let Some(&j) = by_received.get(next)
            && prepared[j].received.date <= day
        {
            open.push(j);
            next += 1;
        }
        // ... and not settled on a day before it (its last payment then came
        // before the review, so it owed nothing then; reviews come in date
        // order, so it never owes again at a later one).
        open.retain(|&j| settled[j].is_none_or(|settled| settled >= day));
        out[i] = open
            .iter()
            .map(|&j| &prepared[j])
            .filter(|p| p.received.cmp(&key) != Ordering::Greater)
            .try_fold(Decimal::ZERO, |sum, p| {
                let owed = p.owed_at(key);
                if owed.is_zero() {
                    return Some(sum);
                }
                exact_add(sum, convert(p.order, owed, day).unwrap_or_default())
            });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sum as it was made before the sweep: over every order of the
    /// customer, for each review.
    fn by_brute_force(prepared: &[Prepared<'_>], tz: Tz) -> Vec<Option<Decimal>> {
        prepared
            .iter()
            .map(|p| {
                let at = p.order.reviewed.as_ref()?;
                let key = Key::of(at, tz);
                prepared
                    .iter()
                    .filter(|q| q.received.cmp(&key) != Ordering::Greater)
                    .try_fold(Decimal::ZERO, |sum, q| exact_add(sum, q.owed_at(key)))
            })
            .collect()
    }

    #[test]
    fn the_sweep_sums_what_every_order_owed_at_each_review_as_the_whole_scan_did() {
        // Orders received over three months, as dates and as times, each paid
        // in part, in full, over or not at all, some on the day of another's
        // review; reviews some days after receipt.
        let tz = chrono_tz::Asia::Shanghai;
        let mut seed: u64 = 7;
        let mut roll = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % n
        };
        let moment = |day: u64, hour: u64, timed: bool| -> Moment {
            let date = NaiveDate::from_ymd_opt(2026, 8, 1).expect("day") + chrono::Days::new(day);
            let text = if timed {
                format!("{date}T{hour:02}:00:00+08:00")
            } else {
                date.to_string()
            };
            text.parse().expect("moment")
        };
        let orders: Vec<Exposure> = (0..300)
            .map(|i| {
                let day = roll(90);
                let total = Decimal::from(roll(5) * 1000);
                let payments = (0..roll(3))
                    .map(|_| {
                        let amount = match roll(4) {
                            0 => total,
                            1 => total / Decimal::from(2),
                            2 => Decimal::from(roll(3000)),
                            _ => total + Decimal::from(1),
                        };
                        (
                            moment(day + roll(40), roll(24), roll(2) == 0),
                            amount.to_string(),
                        )
                    })
                    .collect();
                Exposure {
                    rel: format!("orders/{i}.yaml").into(),
                    id: format!("O-{i:03}"),
                    customer: "C".into(),
                    received: moment(day, roll(24), roll(2) == 0),
                    currency: None,
                    outstanding: Decimal::ZERO,
                    total,
                    payments,
                    reviewed: (roll(5) > 0).then(|| moment(day + roll(4), roll(24), roll(2) == 0)),
                    approved: false,
                    unapproved_steps: Vec::new(),
                    gated: false,
                }
            })
            .collect();
        let prepared: Vec<Prepared<'_>> = orders.iter().map(|o| Prepared::of(o, tz)).collect();
        let swept = owed_at_reviews(&prepared, tz, &|_| true, &|_, amount, _| Some(amount));
        assert_eq!(swept, by_brute_force(&prepared, tz));
        assert!(swept.iter().flatten().any(|sum| !sum.is_zero()));
        // Orders the sweep sets aside once paid, and those still owing.
        let settled = prepared.iter().filter(|p| p.settled_by().is_some()).count();
        assert!(settled > 50 && settled < 250, "{settled}");
    }
}
