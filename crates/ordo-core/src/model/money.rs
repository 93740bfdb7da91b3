//! An order's money with checked arithmetic: its total, what was paid, and how
//! the payments fall on the installments. Amounts are decimals with 28 digits, so
//! a file can hold numbers too large to multiply or add; that is an `Overflow`
//! naming the place, never a panic.
//!
//! Installments follow ERPNext's payment schedule: each is its percentage of the
//! total rounded to the currency's minor unit (half away from zero), and the last
//! takes the remainder, so they add up exactly to the total. A payment goes to
//! its installment; what it pays beyond that installment (and any payment of an
//! unknown installment) goes to the other open installments in the order of the
//! terms. Only payments beyond the order's total are overpaid.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::customer::PaymentTerm;
use super::order::Order;
use crate::yaml::Route;

/// A sum or product too large to compute, and the value where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    pub route: Route,
}

/// One installment with what was applied to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installment {
    /// Its place in `contract.payment_terms`.
    pub index: usize,
    pub amount: Decimal,
    /// Payments applied to it: its own, and surpluses carried from others.
    pub paid: Decimal,
    pub outstanding: Decimal,
}

/// A surplus carried from one installment (or from a payment that named no
/// installment of the terms) to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carry {
    /// The installment it came from; `None` for payments of unknown installments.
    pub from: Option<String>,
    pub to: String,
    pub amount: Decimal,
}

/// How an order's payments fall on its installments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    pub total: Decimal,
    pub paid: Decimal,
    pub installments: Vec<Installment>,
    pub carried: Vec<Carry>,
    /// Paid beyond the order's total.
    pub overpaid: Decimal,
}

/// `a + b` when it is exact. rust_decimal rounds a result past its 28 to 29
/// digits instead of failing (99999999999999999999999999.99 + 0.001 gives
/// the first back), which would call an order with money owed paid.
pub fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    (sum.scale() >= a.scale().max(b.scale())).then_some(sum)
}

/// `a * b` when it is exact (see [`exact_add`]).
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let product = a.checked_mul(b)?;
    (product.scale() >= a.scale() + b.scale()).then_some(product)
}

/// The order total: the sum of quantity times unit price.
pub fn total(order: &Order) -> Result<Decimal, Overflow> {
    let mut sum = Decimal::ZERO;
    for (i, line) in order.lines.iter().enumerate() {
        let at = || Overflow {
            route: Route::root().key("lines").index(i),
        };
        let amount = exact_mul(line.qty.0, line.unit_price.0).ok_or_else(at)?;
        sum = exact_add(sum, amount).ok_or_else(at)?;
    }
    Ok(sum)
}

/// Money received so far.
pub fn paid(order: &Order) -> Result<Decimal, Overflow> {
    let mut sum = Decimal::ZERO;
    for (i, payment) in order.payments.iter().enumerate() {
        sum = exact_add(sum, payment.amount.0).ok_or_else(|| Overflow {
            route: Route::root().key("payments").index(i).key("amount"),
        })?;
    }
    Ok(sum)
}

/// The installments' amounts: each share rounded to `decimals`, the last taking
/// the remainder when the percentages add up to 100.
pub fn installment_amounts(
    total: Decimal,
    terms: &[PaymentTerm],
    decimals: u32,
) -> Result<Vec<Decimal>, Overflow> {
    let mut amounts = Vec::with_capacity(terms.len());
    let mut percents = Decimal::ZERO;
    for (i, term) in terms.iter().enumerate() {
        let at = || Overflow {
            route: Route::keys(&["contract", "payment_terms"])
                .index(i)
                .key("percent"),
        };
        percents = exact_add(percents, term.percent.0).ok_or_else(at)?;
        let share = total
            .checked_mul(term.percent.0)
            .ok_or_else(at)?
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(at)?
            .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        amounts.push(share);
    }
    if percents == Decimal::ONE_HUNDRED
        && let Some((last, rest)) = amounts.split_last_mut()
    {
        let others: Decimal = rest.iter().copied().sum();
        *last = (total - others).max(Decimal::ZERO);
    }
    Ok(amounts)
}

/// Applies the order's payments to its installments (see the module's rule).
pub fn allocate(order: &Order, decimals: u32) -> Result<Allocation, Overflow> {
    let total = total(order)?;
    let paid = paid(order)?;
    let terms = order
        .contract
        .as_ref()
        .map(|c| c.payment_terms.as_slice())
        .unwrap_or_default();
    let amounts = installment_amounts(total, terms, decimals)?;
    // Payments per installment; the sums cannot overflow, being parts of `paid`.
    let mut own: BTreeMap<&str, Decimal> = BTreeMap::new();
    let mut unassigned = Decimal::ZERO;
    for payment in &order.payments {
        match terms.iter().find(|t| t.name == payment.installment) {
            Some(term) => *own.entry(term.name.as_str()).or_default() += payment.amount.0,
            None => unassigned += payment.amount.0,
        }
    }
    let mut installments: Vec<Installment> = Vec::with_capacity(terms.len());
    // Surpluses waiting for an open installment, by where they came from.
    let mut surplus: Vec<(Option<String>, Decimal)> = Vec::new();
    if !unassigned.is_zero() {
        surplus.push((None, unassigned));
    }
    for (index, (term, amount)) in terms.iter().zip(&amounts).enumerate() {
        let mine = own.get(term.name.as_str()).copied().unwrap_or_default();
        // A repeated installment name: the first one takes the payments.
        let first = terms.iter().position(|t| t.name == term.name) == Some(index);
        let mine = if first { mine } else { Decimal::ZERO };
        let applied = mine.min(*amount);
        if mine > *amount {
            surplus.push((Some(term.name.clone()), mine - *amount));
        }
        installments.push(Installment {
            index,
            amount: *amount,
            paid: applied,
            outstanding: *amount - applied,
        });
    }
    let mut carried = Vec::new();
    for (from, mut left) in surplus {
        for installment in installments.iter_mut() {
            if left.is_zero() {
                break;
            }
            let name = &terms[installment.index].name;
            if installment.outstanding.is_zero() || from.as_deref() == Some(name.as_str()) {
                continue;
            }
            let moved = left.min(installment.outstanding);
            installment.paid += moved;
            installment.outstanding -= moved;
            left -= moved;
            carried.push(Carry {
                from: from.clone(),
                to: name.clone(),
                amount: moved,
            });
        }
    }
    Ok(Allocation {
        total,
        paid,
        installments,
        carried,
        overpaid: (paid - total).max(Decimal::ZERO),
    })
}

/// Money as people read it: thousands separated, to the currency's decimals
/// (11,100.00; ¥ 12,000).
pub fn format(amount: Decimal, decimals: u32) -> String {
    let text = format!(
        "{:.*}",
        decimals as usize,
        amount
            .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
            .abs()
    );
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if amount.is_sign_negative() && !amount.is_zero() {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// More decimals than any currency has; a decimal holds at most 28.
pub const MAX_DECIMALS: u32 = 8;

/// The decimals of a currency's minor unit (ISO 4217) when `ordo.yaml` does not
/// say: most currencies have cents, these have none or mills.
pub fn iso_minor_unit(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn sums_and_products_past_the_digits_a_decimal_holds_are_refused_not_rounded() {
        let d = |t: &str| Decimal::from_str(t).expect("decimal");
        // Regression: the sum came back rounded to the first amount.
        assert_eq!(
            exact_add(d("99999999999999999999999999.99"), d("0.001")),
            None
        );
        assert_eq!(exact_add(d("1.5"), d("1.50")), Some(d("3.00")));
        assert_eq!(exact_add(d("0.1"), d("0.2")), Some(d("0.3")));
        assert_eq!(exact_mul(d("12.5"), d("4.02")), Some(d("50.250")));
        assert_eq!(
            exact_mul(d("99999999999999.99"), d("99999999999999.99")),
            None
        );
    }

    fn order(yaml: &str) -> Order {
        crate::yaml::from_str(yaml).expect("an order")
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("decimal")
    }

    const HEAD: &str = "id: 202611-ACME-001\ncustomer: ACME\nowner: ann\nreceived: 2026-11-02T10:00\nchannel: email\n";

    #[test]
    fn installments_add_up_to_the_total_and_a_short_payment_is_made_good_by_a_surplus() {
        let o = order(&format!(
            "{HEAD}lines: [{{sku: A, qty: 1, unit_price: 180747}}]\ncontract:\n  payment_terms:\n    - {{name: deposit, percent: 30, due: {{after: received}}}}\n    - {{name: balance, percent: 70, due: {{after: received}}}}\npayments:\n  - {{installment: deposit, amount: 54224.00, received: 2026-11-03}}\n  - {{installment: balance, amount: 126523.00, received: 2026-11-04}}\n"
        ));
        let a = allocate(&o, 2).expect("computes");
        let amounts: Vec<Decimal> = a.installments.iter().map(|i| i.amount).collect();
        assert_eq!(amounts, [d("54224.10"), d("126522.90")]);
        assert!(a.installments.iter().all(|i| i.outstanding.is_zero()));
        assert_eq!(a.overpaid, Decimal::ZERO);
        assert_eq!(
            a.carried,
            [Carry {
                from: Some("balance".into()),
                to: "deposit".into(),
                amount: d("0.10")
            }]
        );
    }

    #[test]
    fn a_currency_without_cents_rounds_to_whole_units_and_the_last_takes_the_rest() {
        let terms = |p: &[&str]| -> Vec<PaymentTerm> {
            p.iter()
                .enumerate()
                .map(|(i, p)| {
                    serde_json::from_value(serde_json::json!({"name": format!("t{i}"), "percent": p, "due": {"after": "received"}}))
                        .expect("term")
                })
                .collect()
        };
        let amounts = installment_amounts(d("1000"), &terms(&["33.333", "33.333", "33.334"]), 0)
            .expect("computes");
        assert_eq!(amounts, [d("333"), d("333"), d("334")]);
        assert_eq!(amounts.iter().copied().sum::<Decimal>(), d("1000"));
        // Percentages that do not add up to 100 (a finding of their own): no remainder.
        let amounts = installment_amounts(d("1000"), &terms(&["30", "30"]), 2).expect("computes");
        assert_eq!(amounts, [d("300"), d("300")]);
    }

    #[test]
    fn products_and_sums_too_large_to_compute_name_their_place() {
        let o = order(&format!(
            "{HEAD}lines:\n  - {{sku: A, qty: 1, unit_price: 5}}\n  - {{sku: B, qty: 1000000000000000000000000000, unit_price: 1000.00}}\n"
        ));
        assert_eq!(
            total(&o),
            Err(Overflow {
                route: Route::root().key("lines").index(1)
            })
        );
        let o = order(&format!(
            "{HEAD}payments:\n  - {{installment: a, amount: 50000000000000000000000000000, received: 2026-11-03}}\n  - {{installment: a, amount: 50000000000000000000000000000, received: 2026-11-03}}\n"
        ));
        assert_eq!(
            paid(&o),
            Err(Overflow {
                route: Route::root().key("payments").index(1).key("amount")
            })
        );
    }

    #[test]
    fn money_is_shown_to_the_currencys_decimals_with_thousands_separated() {
        assert_eq!(format(d("11100"), 2), "11,100.00");
        assert_eq!(format(d("12000.4"), 0), "12,000");
        assert_eq!(format(d("-1234.5678"), 3), "-1,234.568");
        assert_eq!(format(d("999.995"), 2), "1,000.00");
    }

    #[test]
    fn overpaid_means_more_than_the_order_total() {
        let o = order(&format!(
            "{HEAD}lines: [{{sku: A, qty: 1, unit_price: 100}}]\ncontract:\n  payment_terms:\n    - {{name: deposit, percent: 50, due: {{after: received}}}}\n    - {{name: balance, percent: 50, due: {{after: received}}}}\npayments:\n  - {{installment: deposit, amount: 80, received: 2026-11-03}}\n"
        ));
        let a = allocate(&o, 2).expect("computes");
        assert_eq!(a.overpaid, Decimal::ZERO);
        assert_eq!(a.installments[1].outstanding, d("20"));
        let o = order(&format!(
            "{HEAD}lines: [{{sku: A, qty: 1, unit_price: 100}}]\ncontract:\n  payment_terms:\n    - {{name: deposit, percent: 100, due: {{after: received}}}}\npayments:\n  - {{installment: deposit, amount: 130, received: 2026-11-03}}\n"
        ));
        assert_eq!(allocate(&o, 2).expect("computes").overpaid, d("30"));
    }
}
