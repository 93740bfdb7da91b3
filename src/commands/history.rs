//! `ordo history ID`: every change to one order, commit by commit, from git:
//! who changed which field when, from what to what, and how far each baseline
//! and computed due date moved in working days.

use std::path::PathBuf;

use super::invocation::now_in;
use super::opening::open_ledger;
use super::reporting::finish;
use crate::cli::{Cli, HistoryArgs};
use crate::ledger::log::{self, Query};
use crate::ledger::revision::read_each;
use crate::{Environment, Failure};
use ordo_core::document;
use ordo_core::i18n::tr;
use ordo_core::model::Order;
use ordo_core::reports::changes::{Change, changes};
use ordo_core::reports::report::{Cell, Report, Section, col};
use ordo_core::schema::FileKind;

pub fn run(
    cli: &Cli,
    args: &HistoryArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let lang = super::invocation::lang_of(cli, &ledger.config, Some(args.report.format));
    let now = now_in(cli, env, ledger.tz)?;
    // The file as it is, followed through renames; a deleted order by its name.
    let (path, follow) = match ledger.order_file(&args.id) {
        Some(file) => (file.rel.to_string_lossy().into_owned(), true),
        None => (format!("orders/*/{}.yaml", args.id), false),
    };
    let commits = log::log(
        &ledger.root,
        &Query {
            paths: &[&path],
            since: None,
            follow,
        },
    )
    .map_err(Failure::Io)?;
    if commits.is_empty() {
        return Err(Failure::Usage(format!(
            "git has no history of order {} in this ledger",
            args.id
        )));
    }
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
    let pairs = version_pairs(&commits);
    let mut versions: Vec<Option<Order>> = Vec::with_capacity(pairs.len() * 2);
    let specs: Vec<String> = pairs
        .iter()
        .flat_map(|(_, a, b)| [a.clone(), b.clone()])
        .collect();
    read_each(&ledger.root, &specs, |text| {
        versions.push(text.and_then(|t| decode(&t)))
    })
    .map_err(Failure::Io)?;
    for (i, (commit, _, _)) in pairs.iter().enumerate() {
        let (old, new) = (versions[2 * i].as_ref(), versions[2 * i + 1].as_ref());
        // A new or deleted file is one row, not every field it holds.
        let whole = match (old, new) {
            (None, Some(_)) => Some("created"),
            (Some(_), None) => Some("deleted"),
            _ => None,
        };
        if let Some(what) = whole {
            section.push(row(
                commit,
                &Change {
                    kind: ordo_core::reports::changes::Kind::Field,
                    field: "order".into(),
                    old: String::new(),
                    new: what.into(),
                    slip: None,
                },
            ));
            continue;
        }
        for change in changes(&ledger.config, &ledger.calendars, old, new) {
            section.push(row(commit, &change));
        }
    }
    let report = Report {
        name: "history",
        title: tr(lang, "report-history", &[("order", (&args.id).into())]),
        as_of: now.format("%Y-%m-%d %H:%M %:z").to_string(),
        sections: vec![section],
        notes: vec![tr(lang, "note-history", &[("count", commits.len().into())])],
        invalid: Vec::new(),
        commit: None,
        lang,
    };
    Ok(finish(
        report,
        Vec::new(),
        crate::ledger::stamp::stamp(&ledger.root),
        &args.report,
        false,
        out,
    ))
}

/// For each commit, the `rev:path` of the order before it and after it.
fn version_pairs(commits: &[log::Commit]) -> Vec<(&log::Commit, String, String)> {
    let missing = |c: &log::Commit| format!("{}:./-", c.id);
    commits
        .iter()
        .flat_map(|commit| {
            commit.files.iter().map(move |file| {
                let before = match (&commit.parent, &file.before) {
                    (Some(parent), Some(path)) => log::spec(parent, path),
                    _ => missing(commit),
                };
                let after = file
                    .after
                    .as_ref()
                    .map_or_else(|| missing(commit), |path| log::spec(&commit.id, path));
                (commit, before, after)
            })
        })
        .collect()
}

/// An order from a text of its file, if it decodes.
pub fn decode(text: &str) -> Option<Order> {
    document::load::<Order>(&PathBuf::new(), text, FileKind::Order, &mut Vec::new())
}

fn row(commit: &log::Commit, change: &Change) -> Vec<Cell> {
    vec![
        commit.id.get(..8).unwrap_or(&commit.id).into(),
        commit.author.clone().into(),
        short_date(&commit.date).into(),
        change.field.clone().into(),
        change.old.clone().into(),
        change.new.clone().into(),
        change.slip.map(Cell::Int).unwrap_or(Cell::Empty),
    ]
}

/// `2026-11-20T12:00:00+08:00` as `2026-11-20 12:00`.
pub fn short_date(iso: &str) -> String {
    iso.get(..16).unwrap_or(iso).replace('T', " ")
}
