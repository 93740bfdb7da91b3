//! `ordo history ID`: every change to one order, commit by commit, from git:
//! who changed which field when, from what to what, and how far each baseline
//! and computed due date moved in working days. The order is followed by what
//! it is (its uid), through the files of its former ids, never through a file
//! git guessed was renamed into it; what a merge's resolution set is listed
//! with the merge; a shallow clone says where its history is cut.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use super::invocation::now_in;
use super::opening::open_ledger;
use super::reporting::finish;
use crate::cli::{Cli, HistoryArgs};
use crate::ledger::log::{self, Query, decode};
use crate::ledger::revision::read_each;
use crate::{Environment, Failure};
use ordo_core::checks::identity::OrderKey;
use ordo_core::model::Order;
use ordo_core::reports::history::{self, Event};

pub(crate) fn run(
    cli: &Cli,
    args: &HistoryArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let lang = super::invocation::lang_of(cli, &ledger.config, Some(args.report.format));
    let now = now_in(cli, env, ledger.tz)?;
    let file = ledger
        .order_file(&args.id)
        .or_else(|| ledger.order_file_formerly(&args.id));
    let current = file.and_then(|f| {
        std::fs::read_to_string(ledger.root.join(&f.rel))
            .ok()
            .and_then(|t| decode(&t))
    });
    // Its file and the files of the ids it had; a deleted order by its name.
    let paths: Vec<String> = match (file, &current) {
        (Some(file), Some(order)) => {
            let folder = file.rel.parent().unwrap_or(Path::new(""));
            std::iter::once(file.rel.clone())
                .chain(
                    order
                        .former_ids
                        .iter()
                        .map(|id| folder.join(format!("{id}.yaml"))),
                )
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .collect()
        }
        _ => vec![format!("orders/*/{}.yaml", args.id)],
    };
    let path_refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let commits = log::log(
        &ledger.root,
        &Query {
            paths: &path_refs,
            since: None,
            follow: false,
            merges: true,
        },
    )?;
    if commits.is_empty() {
        return Err(Failure::usage(format!(
            "git has no history of order {} in this ledger",
            args.id
        )));
    }
    let cut = log::shallow_boundary(&ledger.root);
    let events = events(&ledger.root, &commits, &paths, &cut)?;
    // What the order is: its file now, else (deleted) its last version.
    let target = current.as_ref().map(OrderKey::of).or_else(|| {
        events.iter().rev().find_map(|e| match e {
            Event::Edit { files, .. } => files
                .iter()
                .rev()
                .find_map(|(b, a)| a.as_ref().or(b.as_ref()))
                .map(OrderKey::of),
            Event::Merge { .. } => None,
        })
    });
    let Some(target) = target else {
        return Err(Failure::usage(format!(
            "git has no readable version of order {}",
            args.id
        )));
    };
    let rows = history::rows(&ledger.config, &ledger.calendars, &target, &events);
    let report = history::report(
        lang,
        &rows,
        &history::Read {
            order: &args.id,
            commits: commits.len(),
            shallow: !cut.is_empty(),
            as_of: now.format("%Y-%m-%d %H:%M %:z").to_string(),
        },
    );
    Ok(finish(
        report,
        Vec::new(),
        crate::ledger::stamp::stamp(&ledger.root),
        &args.report,
        false,
        out,
    ))
}

/// Each commit's versions of the order's files, read through one `git
/// cat-file`: before and after a plain commit; a merge's result, its sides
/// and where they began.
fn events(
    root: &Path,
    commits: &[log::Commit],
    paths: &[String],
    cut: &[String],
) -> Result<Vec<Event>, Failure> {
    // The exact paths the order's files had (a deleted order's from the log).
    let mut known: Vec<PathBuf> = paths
        .iter()
        .filter(|p| !p.contains('*'))
        .map(PathBuf::from)
        .collect();
    for file in commits.iter().flat_map(|c| &c.files) {
        for path in [&file.before, &file.after].into_iter().flatten() {
            if !known.contains(path) {
                known.push(path.clone());
            }
        }
    }
    let mut specs: Vec<String> = Vec::new();
    for commit in commits {
        if let [first, second, ..] = commit.parents.as_slice() {
            let base = log::merge_base(root, first, second);
            for rev in [Some(&commit.id), Some(first), Some(second), base.as_ref()] {
                for path in &known {
                    specs.push(rev.map_or_else(|| missing(commit), |rev| log::spec(rev, path)));
                }
            }
        } else {
            for file in &commit.files {
                specs.push(match (&commit.parent, &file.before) {
                    (Some(parent), Some(path)) => log::spec(parent, path),
                    _ => missing(commit),
                });
                specs.push(
                    file.after
                        .as_ref()
                        .map_or_else(|| missing(commit), |path| log::spec(&commit.id, path)),
                );
            }
        }
    }
    let mut versions: VecDeque<Option<Order>> = VecDeque::with_capacity(specs.len());
    read_each(root, &specs, |text| {
        versions.push_back(text.and_then(|t| decode(&t)))
    })?;
    let mut next = || versions.pop_front().flatten();
    let mut out = Vec::with_capacity(commits.len());
    for commit in commits {
        let meta = history::Commit {
            id: commit.id.clone(),
            author: commit.author.clone(),
            date: commit.date.clone(),
        };
        if commit.parents.len() > 1 {
            let mut side = || (0..known.len()).filter_map(|_| next()).collect::<Vec<_>>();
            let (result, ours, theirs, base) = (side(), side(), side(), side());
            out.push(Event::Merge {
                commit: meta,
                result,
                ours,
                theirs,
                base,
            });
        } else {
            let files = commit.files.iter().map(|_| (next(), next())).collect();
            out.push(Event::Edit {
                commit: meta,
                files,
                cut: commit.parent.is_none() && cut.contains(&commit.id),
            });
        }
    }
    Ok(out)
}

/// A spec no blob answers, for a version that does not exist.
fn missing(commit: &log::Commit) -> String {
    format!("{}:./-", commit.id)
}
