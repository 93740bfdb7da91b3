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

/// What tells an order apart whatever its id, kept per file for the check
/// across files: its uid, the ids it had, and (for an order written before
/// uids) its customer and time of receipt.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrderKey {
    pub uid: Option<String>,
    pub former_ids: Vec<String>,
    pub customer: String,
    pub received: String,
}

impl OrderKey {
    pub fn of(order: &Order) -> OrderKey {
        OrderKey {
            uid: order.uid.clone(),
            former_ids: order.former_ids.clone(),
            customer: order.customer.clone(),
            received: order.received.0.to_string(),
        }
    }

    /// The same order: one uid, or, without one on either side, one
    /// customer and time of receipt.
    pub fn same_order(&self, other: &OrderKey) -> bool {
        match (&self.uid, &other.uid) {
            (Some(a), Some(b)) => a == b,
            _ => self.customer == other.customer && self.received == other.received,
        }
    }
}

/// `duplicate-order`: one order held by two files under two ids, as a
/// renumbering stopped between writing the new file and removing the old one
/// leaves it, or two clones that renumbered it to different ids. Found by a
/// uid two files hold, and by a former id whose file holds the same order.
pub fn same_order_twice(keys: &[(&OrderFile, &OrderKey)]) -> Vec<Finding> {
    let mut by_uid: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_stem: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for (i, (file, key)) in keys.iter().enumerate() {
        if let Some(uid) = &key.uid {
            by_uid.entry(uid).or_default().push(i);
        }
        by_stem.insert(&file.stem, i);
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for same in by_uid.values().filter(|v| v.len() > 1) {
        for (n, &a) in same.iter().enumerate() {
            for &b in &same[n + 1..] {
                pairs.push((a, b));
            }
        }
    }
    for (i, (_, key)) in keys.iter().enumerate() {
        for former in &key.former_ids {
            if let Some(&j) = by_stem.get(former.as_str())
                && j != i
                && keys[j].1.same_order(key)
                && !(key.uid.is_some() && keys[j].1.uid == key.uid)
            {
                pairs.push((i, j));
            }
        }
    }
    let mut out = Vec::new();
    for (a, b) in pairs {
        for (this, other) in [(a, b), (b, a)] {
            let (file, _) = keys[this];
            let (twin, _) = keys[other];
            out.push(
                Finding::error(
                    Code::DuplicateOrder,
                    &file.rel,
                    format!(
                        "this order is also {} ({}): one order under two ids",
                        twin.stem,
                        twin.rel.display()
                    ),
                )
                .at(Route::keys(&["id"]))
                .label("the same order as another file")
                .help(
                    "a renumbering stopped half way, or two clones renumbered it differently: \
                     keep the file under the id the team uses and delete the other (list its \
                     id under `former_ids`)",
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::test_kit::{Desk, WORKFLOW_CONFIG, findings, load};

    #[test]
    fn an_order_sits_in_the_folder_of_the_year_it_was_received() {
        let desk = Desk::new(WORKFLOW_CONFIG);
        // The test kit files every order under orders/2026/.
        let text = |received: &str| {
            format!("id: O-1\ncustomer: C\nowner: ann\nreceived: {received}\nchannel: email\n")
        };
        let now = "2026-11-20T12:00";
        let this_year: crate::model::order::Order = load(&text("2026-01-01T00:30:00+08:00"));
        assert!(findings(&desk, &this_year, now).is_empty());
        // 2025-12-31 16:30 UTC is already 2026 in Shanghai; 15:30 is not.
        let shanghai_new_year: crate::model::order::Order = load(&text("2025-12-31T16:30:00Z"));
        assert!(findings(&desk, &shanghai_new_year, now).is_empty());
        let last_year: crate::model::order::Order = load(&text("2025-12-31T15:30:00Z"));
        assert_eq!(
            findings(&desk, &last_year, now),
            ["id-mismatch at received"]
        );
    }
}
