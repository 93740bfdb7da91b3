//! `ordo line ID [N] --sku --description --qty --unit --price`: an order line
//! added, or line N changed (what is not given stays), through the checked,
//! atomic writer. Quantities and prices are written quoted, so no tool reads
//! them back as binary floats.

use rust_decimal::Decimal;
use yaml_serde::{Mapping, Value};

use super::change::{self, text_flag};
use super::opening::open_order;
use crate::cli::{Cli, LineArgs};
use crate::edit::patch::{EditError, append_to_list, set_list_item_field};
use crate::{Environment, Failure, exit};

pub(crate) fn run(
    cli: &Cli,
    args: &LineArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let mut fields: Vec<(&str, Value)> = Vec::new();
    for (key, flag, given) in [
        ("sku", "--sku", &args.sku),
        ("description", "--description", &args.description),
    ] {
        if let Some(text) = given {
            fields.push((key, text_flag(flag, text)?));
        }
    }
    if let Some(qty) = &args.qty {
        fields.push(("qty", Value::String(positive("--qty", qty)?.to_string())));
    }
    if let Some(unit) = &args.unit {
        fields.push(("unit", text_flag("--unit", unit)?));
    }
    if let Some(price) = &args.price {
        fields.push((
            "unit_price",
            Value::String(positive("--price", price)?.to_string()),
        ));
    }
    if fields.is_empty() {
        return Err(Failure::usage(
            "give what to record: --sku, --description, --qty, --unit and/or --price",
        ));
    }
    let (ledger, now, loaded) = open_order(cli, env, &args.id)?;
    let order = &loaded.order;
    let edit = |e: EditError| Failure::io(e.to_string());
    let (new, message) = match args.number {
        None => {
            let missing: Vec<&str> = [
                ("--sku", &args.sku),
                ("--qty", &args.qty),
                ("--price", &args.price),
            ]
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(flag, _)| *flag)
            .collect();
            if !missing.is_empty() {
                return Err(Failure::usage(format!(
                    "a new line needs {} (to change line N, give its number)",
                    missing.join(", ")
                )));
            }
            let line: Mapping = fields
                .iter()
                .map(|(k, v)| (Value::from(*k), v.clone()))
                .collect();
            let new = append_to_list(&loaded.text, "lines", Value::Mapping(line)).map_err(edit)?;
            (
                new,
                format!("{}: line {} added", order.id, order.lines.len() + 1),
            )
        }
        Some(n) => {
            let Some(i) = n.checked_sub(1).filter(|i| *i < order.lines.len()) else {
                return Err(Failure::usage(format!(
                    "{} has {} line(s), counted from 1",
                    order.id,
                    order.lines.len()
                )));
            };
            let mut new = loaded.text.clone();
            for (key, value) in &fields {
                new = set_list_item_field(&new, "lines", i, key, value.clone()).map_err(edit)?;
            }
            (new, format!("{}: line {n} changed", order.id))
        }
    };
    let path = change::apply(&ledger, &loaded, &new, &message, &[], now, args.commit)?;
    out.extend_from_slice(
        format!("{message}\n{}\n", change::shown(&path, &ledger.root)).as_bytes(),
    );
    // After the review, what the customer changed is an amendment.
    let reviewed = ledger
        .config
        .workflow_of(order.workflow.as_deref())
        .and_then(|(_, w)| w.review_step.as_ref())
        .is_some_and(|step| order.steps.get(step).is_some_and(|r| r.done.is_some()));
    if reviewed {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "ordo: {} was reviewed already: record the customer's change with `ordo amend {} --summary T --impact minor|schedule|structural`",
            order.id,
            order.id
        );
    }
    Ok(exit::OK)
}

/// A positive exact decimal, written as digits with at most one point.
fn positive(flag: &str, text: &str) -> Result<Decimal, Failure> {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1;
    text.parse::<Decimal>()
        .ok()
        .filter(|d| plain && *d > Decimal::ZERO)
        .ok_or_else(|| {
            Failure::usage(format!(
                "{flag}: `{text}` is not a positive amount: write digits with a decimal point (3.10)"
            ))
        })
}
