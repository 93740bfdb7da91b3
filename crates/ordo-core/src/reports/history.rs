//! `ordo history`: every change to one order, commit by commit. The caller
//! reads the versions from git; this decides which of them are the order at
//! all (a file name may have held another order: two clones took one id; the
//! order may have had other ids), what each commit changed, and what a merge's
//! resolution set (a value neither side had, or one side's change thrown away
//! for the other's), so no value the file holds comes from nowhere.

use std::collections::{BTreeMap, BTreeSet};

use super::changes::{Change, Kind, changes};
use super::report::{Cell, Report, Section, col};
use crate::checks::identity::OrderKey;
use crate::engine::due::Calendars;
use crate::model::Config;
use crate::model::order::Order;

/// Who made a commit, and when.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: String,
    pub author: String,
    /// ISO 8601 with its offset.
    pub date: String,
}

/// What one commit did to the files the order has lived in.
#[derive(Debug)]
pub enum Event {
    /// A commit with one parent: each file it changed, before and after
    /// (`None`: not there). `cut`: its parent is not in this (shallow) clone.
    Edit {
        commit: Commit,
        files: Vec<(Option<Order>, Option<Order>)>,
        cut: bool,
    },
    /// A merge: its result, its two sides and where they began, each as the
    /// files the order has lived in there (the order is the one among them).
    Merge {
        commit: Commit,
        result: Vec<Order>,
        ours: Vec<Order>,
        theirs: Vec<Order>,
        base: Vec<Order>,
    },
}

/// How a row came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Commit,
    /// The first commit this clone has of the order: earlier history is cut.
    FirstSeen,
    /// Set while resolving a merge.
    Resolved,
}

/// One change, with the commit that made it.
#[derive(Debug, Clone)]
pub struct Row {
    pub commit: Commit,
    pub how: How,
    pub change: Change,
}

/// The rows of the order `target`, oldest first.
pub fn rows(
    config: &Config,
    calendars: &Calendars,
    target: &OrderKey,
    events: &[Event],
) -> Vec<Row> {
    let target = &identities(target, events);
    fn is_it<'o>(target: &[OrderKey], o: &'o Option<Order>) -> Option<&'o Order> {
        o.as_ref().filter(|o| is_one_of(target, o))
    }
    fn find<'o>(target: &[OrderKey], versions: &'o [Order]) -> Option<&'o Order> {
        versions.iter().find(|o| is_one_of(target, o))
    }
    let mut out = Vec::new();
    for event in events {
        match event {
            Event::Edit { commit, files, cut } => {
                let mut before = None;
                let mut after = None;
                for (b, a) in files {
                    let b_ok = is_it(target, b);
                    // An edit of the order's own file (a corrected time of
                    // receipt) is still the order.
                    let a_ok = is_it(target, a).or_else(|| b_ok.and(a.as_ref()));
                    before = before.or(b_ok);
                    after = after.or(a_ok);
                }
                let push = |out: &mut Vec<Row>, how, change| {
                    out.push(Row {
                        commit: commit.clone(),
                        how,
                        change,
                    })
                };
                match (before, after) {
                    (None, None) => {}
                    (None, Some(_)) if *cut => push(&mut out, How::FirstSeen, whole("first seen")),
                    (None, Some(_)) => push(&mut out, How::Commit, whole("created")),
                    (Some(_), None) => push(&mut out, How::Commit, whole("deleted")),
                    (Some(b), Some(a)) => {
                        for change in with_id(config, calendars, b, a) {
                            push(&mut out, How::Commit, change);
                        }
                    }
                }
            }
            Event::Merge {
                commit,
                result,
                ours,
                theirs,
                base,
            } => {
                let (o, t, b) = (find(target, ours), find(target, theirs), find(target, base));
                let Some(r) = find(target, result) else {
                    continue;
                };
                // The merge gave it another id (two clones had taken one).
                let renumbered = o.or(t).filter(|side| side.id != r.id).map(|side| Change {
                    kind: Kind::Field,
                    field: "id".into(),
                    old: side.id.clone(),
                    new: r.id.clone(),
                    slip: None,
                });
                for change in renumbered
                    .into_iter()
                    .chain(resolved(config, calendars, r, o, t, b))
                {
                    out.push(Row {
                        commit: commit.clone(),
                        how: How::Resolved,
                        change,
                    });
                }
            }
        }
    }
    out
}

/// What the order was known as over its history: the target, and, for an
/// order written before uids, each earlier version its own file was edited
/// from (a corrected time of receipt is still the order).
fn identities(target: &OrderKey, events: &[Event]) -> Vec<OrderKey> {
    let mut keys = vec![target.clone()];
    for event in events.iter().rev() {
        if let Event::Edit { files, .. } = event {
            for (before, after) in files {
                if let (Some(before), Some(after)) = (before, after)
                    && is_one_of(&keys, after)
                    && !is_one_of(&keys, before)
                {
                    keys.push(OrderKey::of(before));
                }
            }
        }
    }
    keys
}

fn is_one_of(keys: &[OrderKey], order: &Order) -> bool {
    let key = OrderKey::of(order);
    keys.iter().any(|k| k.same_order(&key))
}

fn whole(what: &str) -> Change {
    Change {
        kind: Kind::Field,
        field: "order".into(),
        old: String::new(),
        new: what.into(),
        slip: None,
    }
}

/// The changes from `old` to `new`, a new id among them.
fn with_id(config: &Config, calendars: &Calendars, old: &Order, new: &Order) -> Vec<Change> {
    let mut out = Vec::new();
    if old.id != new.id {
        out.push(Change {
            kind: Kind::Field,
            field: "id".into(),
            old: old.id.clone(),
            new: new.id.clone(),
            slip: None,
        });
    }
    out.extend(changes(config, calendars, Some(old), Some(new)));
    out
}

/// What a merge's resolution set: each field the result holds that neither
/// side had, and each field both sides changed where one side's value was
/// thrown away (shown as a change from the value thrown away).
fn resolved(
    config: &Config,
    calendars: &Calendars,
    result: &Order,
    ours: Option<&Order>,
    theirs: Option<&Order>,
    base: Option<&Order>,
) -> Vec<Change> {
    let by_field = |old: Option<&Order>, new: Option<&Order>| -> BTreeMap<String, Vec<Change>> {
        let mut map: BTreeMap<String, Vec<Change>> = BTreeMap::new();
        for change in changes(config, calendars, old, new) {
            map.entry(change.field.clone()).or_default().push(change);
        }
        map
    };
    let from_ours = by_field(ours, Some(result));
    let from_theirs = by_field(theirs, Some(result));
    let ours_changed: BTreeSet<String> = by_field(base, ours).into_keys().collect();
    let theirs_changed: BTreeSet<String> = by_field(base, theirs).into_keys().collect();
    let both_changed = |field: &str| ours_changed.contains(field) && theirs_changed.contains(field);
    let mut out = Vec::new();
    for (field, changes) in &from_ours {
        // Unlike both sides, or unlike ours where ours had changed it too.
        if from_theirs.contains_key(field) || both_changed(field) {
            out.extend(changes.iter().cloned());
        }
    }
    for (field, changes) in &from_theirs {
        if !from_ours.contains_key(field) && both_changed(field) {
            out.extend(changes.iter().cloned());
        }
    }
    out
}

/// A commit's date, `2026-11-20T12:00:00+08:00`, as `2026-11-20 12:00`.
pub fn short_date(iso: &str) -> String {
    iso.get(..16).unwrap_or(iso).replace('T', " ")
}

/// Where the rows of a history come from, as its report says.
pub struct Read<'a> {
    /// The order, as asked for.
    pub order: &'a str,
    /// How many commits touched its files.
    pub commits: usize,
    /// Whether the clone is shallow: the history is cut.
    pub shallow: bool,
    pub as_of: String,
}

/// The report of `rows`, in `lang`.
pub fn report(lang: crate::i18n::Lang, rows: &[Row], read: &Read<'_>) -> Report {
    use crate::i18n::tr;
    let mut section = Section::new(
        "changes",
        "",
        &[
            col("commit"),
            col("author"),
            col("date"),
            col("field"),
            col("old"),
            col("new"),
            col("slip_working_days"),
        ],
    );
    for row in rows {
        section.push(cells(row));
    }
    let mut notes = vec![tr(lang, "note-history", &[("count", read.commits.into())])];
    if read.shallow {
        notes.push(tr(lang, "note-history-shallow", &[]));
    }
    Report {
        name: "history",
        title: tr(lang, "report-history", &[("order", read.order.into())]),
        as_of: read.as_of.clone(),
        sections: vec![section],
        notes,
        invalid: Vec::new(),
        commit: None,
        lang,
    }
}

fn cells(row: &Row) -> Vec<Cell> {
    let short = row.commit.id.get(..8).unwrap_or(&row.commit.id);
    let commit = match row.how {
        How::Resolved => format!("{short} (merge)"),
        How::FirstSeen => format!("{short} (shallow)"),
        How::Commit => short.to_owned(),
    };
    let change = &row.change;
    vec![
        commit.into(),
        row.commit.author.clone().into(),
        short_date(&row.commit.date).into(),
        change.field.clone().into(),
        change.old.clone().into(),
        change.new.clone().into(),
        change.slip.map(Cell::Int).unwrap_or(Cell::Empty),
    ]
}
