//! `id-mismatch` and `duplicate-id`: an order's id names its file, its folder is
//! the year it was received, and no two files hold the same id.

use std::collections::HashMap;

use chrono::Datelike;

use crate::finding::{Code, Finding};
use crate::layout::OrderFile;
use crate::model::order::Order;
use crate::yaml::Route;

use super::Context;

/// An id that differs from its file name: the order cannot be told apart from
/// the one that file name belongs to, so it is not used until it is fixed.
pub fn stem_mismatch(file: &OrderFile, order: &Order) -> Option<Finding> {
    (order.id != file.stem).then(|| {
        Finding::error(
            Code::IdMismatch,
            &file.rel,
            format!(
                "id `{}` does not match the file name `{}.yaml`",
                order.id, file.stem
            ),
        )
        .at(Route::keys(&["id"]))
        .label("differs from the file name")
        .help(format!(
            "rename the file to {}.yaml or set `id: {}`",
            order.id, file.stem
        ))
    })
}

pub fn check(ctx: &Context<'_>, file: &OrderFile, order: &Order, out: &mut Vec<Finding>) {
    let id = Route::keys(&["id"]);
    let year = order.received.0.local_date(ctx.tz).year();
    match &file.year {
        Some(folder) if folder.parse::<i32>().ok() != Some(year) => out.push(
            Finding::error(
                Code::IdMismatch,
                &file.rel,
                format!("the order was received in {year} but sits in orders/{folder}/"),
            )
            .at(Route::keys(&["received"]))
            .label(format!("received in {year}"))
            .help(format!("move the file to orders/{year}/")),
        ),
        Some(_) => {}
        None => out.push(
            Finding::error(
                Code::IdMismatch,
                &file.rel,
                format!(
                    "order files live in a year folder: orders/{year}/{}.yaml",
                    file.stem
                ),
            )
            .at(id.clone())
            .label("not in a year folder")
            .help(format!("move the file to orders/{year}/")),
        ),
    }
    if file.rel.extension().is_some_and(|e| e == "yml") {
        out.push(
            Finding::error(
                Code::IdMismatch,
                &file.rel,
                "order files end in .yaml, not .yml",
            )
            .at(id.clone())
            .help(format!("rename the file to {}.yaml", file.stem)),
        );
    }
    if let Some(format) = ctx.id_format.filter(|f| f.has_customer())
        && let Some(parts) = format.read(&order.id)
        && let Some(code) = parts.customer
        && code != order.customer
    {
        out.push(
            Finding::error(
                Code::IdMismatch,
                &file.rel,
                format!(
                    "id `{}` names customer {code} but the order is for {}",
                    order.id, order.customer
                ),
            )
            .at(id)
            .label(format!("names {code}"))
            .help("ids carry the customer code (id_format); fix the id or the customer"),
        );
    }
}

/// Files that share an id (the same file name in two year folders). Only files in
/// `selected` get findings; the rest of the ledger is only listed, not read.
pub fn duplicate_ids(all: &[OrderFile], selected: &[&OrderFile]) -> Vec<Finding> {
    let mut by_id: HashMap<&str, Vec<&OrderFile>> = HashMap::with_capacity(all.len());
    for file in all {
        by_id.entry(&file.stem).or_default().push(file);
    }
    selected
        .iter()
        .filter_map(|file| {
            let same = by_id.get(file.stem.as_str())?;
            if same.len() < 2 {
                return None;
            }
            let others: Vec<String> = same
                .iter()
                .filter(|o| o.rel != file.rel)
                .map(|o| o.rel.display().to_string())
                .collect();
            (!others.is_empty()).then(|| {
                Finding::error(
                    Code::DuplicateId,
                    &file.rel,
                    format!(
                        "order id `{}` is also used by {}",
                        file.stem,
                        others.join(", ")
                    ),
                )
                .at(Route::keys(&["id"]))
                .label("used twice")
                .help("every order needs its own id: give one of them the next free id")
            })
        })
        .collect()
}
