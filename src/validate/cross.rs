//! The findings of `validate` that need more than one file: credit control over
//! a customer's orders, duplicate ids, and (with `--since`) the change itself.

use crate::git::GitError;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Selection;
use crate::ledger::files::{self, LedgerFile, OrderFile};
use crate::ledger::read::read_order;
use crate::ledger::source::read_source;
use ordo_core::checks::credit::{Exposure, check_customer};
use ordo_core::checks::{self, Context};
use ordo_core::document;
use ordo_core::finding::Finding;
use ordo_core::model::{Customer, Order};
use ordo_core::schema::FileKind;

/// The findings that need more than one file: credit control over a customer's
/// orders, duplicate ids, and (with `since`) the change itself.
#[allow(clippy::too_many_arguments)]
pub(crate) fn findings(
    root: &Path,
    ctx: &Context<'_>,
    customers: &BTreeMap<String, Customer>,
    selection: &Selection,
    since: Option<&str>,
    mut exposures: Vec<Arc<Exposure>>,
    all_orders: &[OrderFile],
    want_orders: &[&OrderFile],
) -> Result<HashMap<PathBuf, Vec<Finding>>, GitError> {
    let selected: HashSet<&std::ffi::OsStr> =
        want_orders.iter().map(|f| f.rel.as_os_str()).collect();
    let limited: BTreeSet<String> = exposures
        .iter()
        .map(|e| e.customer.clone())
        .filter(|c| {
            customers
                .get(c)
                .is_some_and(|c| ctx.config.credit_limit_of(c).is_some())
        })
        .collect();
    if matches!(selection, Selection::Files(_))
        && !limited.is_empty()
        && ctx.config.credit.is_some()
    {
        let candidates = files::order_files_where(root, |name| {
            limited.iter().any(|code| name.contains(code.as_str()))
        });
        exposures.extend(
            other_exposures(root, ctx, &candidates, &selected, &limited)
                .into_iter()
                .map(Arc::new),
        );
    }
    let config = ctx.config;
    let mut cross: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for code in &limited {
        let Some(customer) = customers.get(code) else {
            continue;
        };
        let mine: Vec<&Exposure> = exposures
            .iter()
            .map(|e| &**e)
            .filter(|e| e.customer == *code)
            .collect();
        let is_selected = |rel: &PathBuf| selected.contains(rel.as_os_str());
        for finding in check_customer(config, ctx.now, customer, mine, &is_selected) {
            cross.entry(finding.file.clone()).or_default().push(finding);
        }
    }
    let duplicates = match selection {
        Selection::All => checks::duplicate_ids(all_orders, want_orders),
        Selection::Files(_) => {
            let elsewhere: Vec<OrderFile> = want_orders
                .iter()
                .flat_map(|f| files::same_id_elsewhere(root, f))
                .collect();
            let mut all: Vec<OrderFile> = all_orders.to_vec();
            all.extend(elsewhere);
            checks::duplicate_ids(&all, want_orders)
        }
    };
    for finding in duplicates {
        cross.entry(finding.file.clone()).or_default().push(finding);
    }
    if let Some(rev) = since {
        for (rel, found) in history_findings(root, rev, selection, want_orders)? {
            cross.entry(rel).or_default().extend(found);
        }
    }
    Ok(cross)
}

/// The `history` and `baseline-changed` findings of the selected orders that
/// differ from `rev`.
fn history_findings(
    root: &Path,
    rev: &str,
    selection: &Selection,
    selected: &[&OrderFile],
) -> Result<HashMap<PathBuf, Vec<Finding>>, GitError> {
    let compare: Vec<PathBuf> = match selection {
        Selection::All => {
            let changed: BTreeSet<PathBuf> = crate::ledger::revision::changed_orders(root, rev)?
                .into_iter()
                .collect();
            selected
                .iter()
                .map(|f| f.rel.clone())
                .filter(|r| changed.contains(r))
                .collect()
        }
        Selection::Files(_) => selected.iter().map(|f| f.rel.clone()).collect(),
    };
    let old_texts = crate::ledger::revision::read_at(root, rev, &compare)?;
    let mut out: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
    for rel in &compare {
        let Some(Some(old_text)) = old_texts.get(rel) else {
            continue;
        };
        let read = read_source(root, rel);
        let Some(source) = read.usable() else {
            continue;
        };
        let mut ignored = Vec::new();
        let old = document::load::<Order>(rel, old_text, FileKind::Order, &mut ignored);
        let new = document::load::<Order>(rel, &source.text, FileKind::Order, &mut ignored);
        if let (Some(old), Some(new)) = (old, new) {
            out.insert(rel.clone(), checks::history::compare(rel, &old, &new));
        }
    }
    Ok(out)
}

/// Orders deleted since `rev` that had recorded history, with their old text.
/// (A deletion is never in a selection, so every run with `--since` looks: a
/// whole-ledger run in the working tree, a run over files, as a hook makes, in
/// what is staged.) An order moved to another file under the same id is not
/// deleted.
pub(crate) fn deleted_with_history(
    root: &Path,
    rev: &str,
    against: crate::ledger::revision::Against,
) -> Result<Vec<(PathBuf, String, Finding)>, GitError> {
    let deleted = crate::ledger::revision::deleted_orders(root, rev, against)?;
    if deleted.is_empty() {
        return Ok(Vec::new());
    }
    let old_texts = crate::ledger::revision::read_at(root, rev, &deleted)?;
    let mut out = Vec::new();
    for rel in deleted {
        let Some(LedgerFile::Order(file)) = files::classify(&rel) else {
            continue;
        };
        if !files::same_id_elsewhere(root, &file).is_empty() {
            continue;
        }
        let Some(Some(text)) = old_texts.get(&rel) else {
            continue;
        };
        let mut ignored = Vec::new();
        let Some(old) = document::load::<Order>(&rel, text, FileKind::Order, &mut ignored) else {
            continue;
        };
        if let Some(finding) = checks::history::deleted(&rel, &old) {
            out.push((rel, text.clone(), finding));
        }
    }
    Ok(out)
}

/// The exposures of the unselected orders of customers with a credit limit, found
/// by the customer code in their ids when the id format carries it.
fn other_exposures(
    root: &Path,
    ctx: &Context<'_>,
    all: &[OrderFile],
    selected: &HashSet<&std::ffi::OsStr>,
    customers: &BTreeSet<String>,
) -> Vec<Exposure> {
    let format = ctx.id_format.filter(|f| f.has_customer());
    all.par_iter()
        .filter(|file| !selected.contains(file.rel.as_os_str()))
        .filter(|file| match format {
            Some(format) => format
                .read(&file.stem)
                .and_then(|p| p.customer)
                .is_none_or(|c| customers.contains(&c)),
            None => true,
        })
        .filter_map(|file| {
            let read = read_order(root, file, ctx.tz);
            let order = read.order()?;
            customers
                .contains(&order.customer)
                .then(|| Exposure::of(ctx.config, ctx.tz, file.rel.clone(), order))
        })
        .collect()
}
