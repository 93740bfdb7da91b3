//! What each customer owes: every unpaid installment of its orders that are
//! not cancelled, with its due date, aged by how late it is (not yet due,
//! 1–30, 31–60, 61–90, over 90 days), summed in the ledger's currency through
//! `fx`. An amount in a currency without a rate is named, never counted 1:1.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::Book;
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::model::money;
use crate::model::order::Order;
use crate::model::status::Status;

/// One installment still owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub order: String,
    pub customer: String,
    pub installment: String,
    /// The order's currency (the ledger's when it names none).
    pub currency: String,
    /// What is still owed, in the order's currency.
    pub outstanding: Decimal,
    /// When it falls due; `None` while its anchor has not happened.
    pub due: Option<Point>,
    /// Whether that date is firm (every anchor happened). A forecast date
    /// past is not money late: what it waits for has not happened.
    pub firm: bool,
}

/// How late money owed is: the receivables' ageing buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Age {
    /// Not due yet, or not yet dated, or dated by a forecast.
    NotDue,
    Late30,
    Late60,
    Late90,
    Over90,
}

impl Age {
    pub const ALL: [Age; 5] = [
        Age::NotDue,
        Age::Late30,
        Age::Late60,
        Age::Late90,
        Age::Over90,
    ];

    /// The bucket of an installment `days_late` days past due (`None`: not due).
    pub fn of(days_late: Option<i64>) -> Age {
        match days_late {
            None => Age::NotDue,
            Some(..=30) => Age::Late30,
            Some(31..=60) => Age::Late60,
            Some(61..=90) => Age::Late90,
            Some(_) => Age::Over90,
        }
    }

    /// Its key in the catalog and in data: `age-not-due`, `age-30`, …
    pub fn key(self) -> &'static str {
        match self {
            Age::NotDue => "age-not-due",
            Age::Late30 => "age-30",
            Age::Late60 => "age-60",
            Age::Late90 => "age-90",
            Age::Over90 => "age-over-90",
        }
    }
}

/// The installments `order` still owes, from its schedule; none for a
/// cancelled order (what it owed is no longer asked for).
pub fn owed(book: &Book<'_>, order: &Order, schedule: &Schedule<'_>) -> Vec<Owed> {
    if schedule.status == Status::Cancelled {
        return Vec::new();
    }
    let currency = order
        .currency
        .clone()
        .or_else(|| book.config.currency.clone())
        .unwrap_or_default();
    schedule
        .installments
        .iter()
        .filter(|i| i.outstanding > Decimal::ZERO)
        .map(|i| Owed {
            order: order.id.clone(),
            customer: order.customer.clone(),
            installment: i.term.name.clone(),
            currency: currency.clone(),
            outstanding: i.outstanding,
            due: i.due.as_ref().ok().and_then(|c| c.point),
            firm: i
                .due
                .as_ref()
                .is_ok_and(|c| c.basis == crate::engine::basis::Basis::Firm),
        })
        .collect()
}

/// One owed installment as a customer's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aged {
    pub owed: Owed,
    pub days_late: Option<i64>,
    pub age: Age,
    /// In the ledger's currency; `None` without a rate for its currency.
    pub in_ledger: Option<Decimal>,
}

/// What one customer owes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receivable {
    /// The sums of each bucket of [`Age::ALL`], in the ledger's currency.
    pub by_age: [Decimal; 5],
    /// Everything owed, in the ledger's currency.
    pub total: Decimal,
    /// The installments, the latest due first (undated last).
    pub items: Vec<Aged>,
    /// Orders left out of the sums, and named: in a currency without a rate
    /// into the ledger's, or an amount too large to add.
    pub left_out: Vec<String>,
}

/// What each customer owes, by customer code, as of the book's "now".
pub fn by_customer(book: &Book<'_>, owed: Vec<Owed>) -> BTreeMap<String, Receivable> {
    let today = book.now.date_naive();
    let mut out: BTreeMap<String, Receivable> = BTreeMap::new();
    for owed in owed {
        let days_late = owed
            .due
            .filter(|_| owed.firm)
            .and_then(|p| p.days_late(book.now, book.tz));
        let age = Age::of(days_late);
        let in_ledger = book
            .config
            .rate_into_ledger(Some(&owed.currency), today)
            .and_then(|rate| money::exact_mul(owed.outstanding, rate))
            .map(|a| a.round_dp(2));
        let entry = out.entry(owed.customer.clone()).or_default();
        let slot = age as usize;
        let sums = in_ledger.and_then(|amount| {
            Some((
                money::exact_add(entry.by_age[slot], amount)?,
                money::exact_add(entry.total, amount)?,
            ))
        });
        match sums {
            Some((bucket, total)) => {
                entry.by_age[slot] = bucket;
                entry.total = total;
            }
            None if !entry.left_out.contains(&owed.order) => {
                entry.left_out.push(owed.order.clone());
            }
            None => {}
        }
        entry.items.push(Aged {
            owed,
            days_late,
            age,
            in_ledger,
        });
    }
    for receivable in out.values_mut() {
        receivable.left_out.sort();
        receivable.items.sort_by(|a, b| {
            (b.days_late, &a.owed.order, &a.owed.installment).cmp(&(
                a.days_late,
                &b.owed.order,
                &b.owed.installment,
            ))
        });
    }
    out
}

#[cfg(test)]
#[path = "receivables_tests.rs"]
mod tests;
