//! `ordo pay ID AMOUNT|rest [--installment NAME] [--on] [--note]`: record a
//! payment received against an installment of the order's terms (appended to
//! its `payments`), through the same checked, atomic writer as `advance`.

use rust_decimal::Decimal;
use yaml_serde::{Mapping, Value};

use super::change::{self, when_text};
use super::opening::open_order;
use crate::cli::{Cli, PayArgs};
use crate::edit::patch::{append_to_list, one_line};
use crate::{Environment, Failure, exit};
use ordo_core::model::money::{self, format};

pub(crate) fn run(
    cli: &Cli,
    args: &PayArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let order = &loaded.order;
    let terms = order
        .contract
        .as_ref()
        .map(|c| c.payment_terms.as_slice())
        .unwrap_or_default();
    if terms.is_empty() {
        return Err(Failure::usage(format!(
            "{} has no payment terms (contract.payment_terms): a payment pays one of its installments",
            order.id
        )));
    }
    let decimals = ledger.config.decimals_of(order.currency.as_deref());
    let allocation = money::allocate(order, decimals).map_err(|_| {
        Failure::usage(format!(
            "{}'s amounts are too large to compute with",
            order.id
        ))
    })?;
    let names: Vec<&str> = terms.iter().map(|t| t.name.as_str()).collect();
    // The installment: named, or the first with money owed.
    let index = match &args.installment {
        Some(name) => names.iter().position(|n| n == name).ok_or_else(|| {
            Failure::usage(format!(
                "`{name}` is not an installment of {}; its installments: {}",
                order.id,
                names.join(", ")
            ))
        })?,
        None => allocation
            .installments
            .iter()
            .find(|i| i.outstanding > Decimal::ZERO)
            .map(|i| i.index)
            .ok_or_else(|| {
                Failure::usage(format!(
                    "{} owes nothing: every installment is paid (name one with --installment to record more)",
                    order.id
                ))
            })?,
    };
    let name = names[index];
    let owed = allocation
        .installments
        .iter()
        .find(|i| i.index == index)
        .map_or(Decimal::ZERO, |i| i.outstanding);
    let amount = match args.amount.as_str() {
        "rest" if owed.is_zero() => {
            return Err(Failure::usage(format!(
                "`{name}` of {} owes nothing: give the amount received",
                order.id
            )));
        }
        "rest" => owed,
        text => parse_amount(text, decimals)?,
    };
    let amount_text = format!("{:.*}", decimals as usize, amount);
    let mut payment = Mapping::new();
    let mut put = |k: &str, v: Value| {
        payment.insert(Value::String(k.to_owned()), v);
    };
    put("installment", Value::String(name.to_owned()));
    // Quoted: a YAML number would be read back as a binary float by other tools.
    put("amount", Value::String(amount_text.clone()));
    let when = when_text("--on", args.on.as_deref(), now)?;
    put("received", Value::String(when.clone()));
    if let Some(note) = &args.note {
        put(
            "note",
            one_line(note).map_err(|e| Failure::usage(e.to_string()))?,
        );
    }
    let new = append_to_list(&loaded.text, "payments", Value::Mapping(payment))
        .map_err(|e| Failure::io(e.to_string()))?;
    let currency = order.currency.as_deref().unwrap_or_default();
    let message = format!(
        "{}: {} {currency} received for {name}",
        order.id,
        format(amount, decimals)
    );
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    let left = (owed - amount).max(Decimal::ZERO);
    let beyond = (amount - owed).max(Decimal::ZERO);
    let mut said = format!(
        "{}: {} {currency} received for `{name}` on {when}; `{name}` now owes {}",
        order.id,
        format(amount, decimals),
        format(left, decimals)
    );
    // Beyond the installment it goes to the other open ones (beyond the whole
    // order, `validate` refuses it above: a `payment-terms` error).
    if !beyond.is_zero() {
        said.push_str(&format!(
            " ({} beyond it, applied to the other installments still owed)",
            format(beyond, decimals)
        ));
    }
    out.extend_from_slice(format!("{said}\n{}\n", change::shown(&path, &ledger.root)).as_bytes());
    Ok(exit::OK)
}

/// A positive amount with no more decimals than the currency has.
fn parse_amount(text: &str, decimals: u32) -> Result<Decimal, Failure> {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1;
    let amount = text
        .parse::<Decimal>()
        .ok()
        .filter(|_| plain)
        .ok_or_else(|| {
            Failure::usage(format!(
                "`{text}` is not an amount: write digits with a decimal point (4400.00), or `rest`"
            ))
        })?;
    if amount.is_zero() {
        return Err(Failure::usage("a payment of nothing is not recorded"));
    }
    if amount.scale() > decimals && amount.normalize().scale() > decimals {
        return Err(Failure::usage(format!(
            "`{text}` has more decimals than the currency's {decimals}"
        )));
    }
    Ok(amount)
}
