//! `ordo slips`: how often and how far baselines and due dates moved across the
//! ledger, from git's history (the report is the core's `reports::slips`). One
//! `git log` lists the commits; one `git cat-file` reads every version,
//! streamed.

use super::invocation::now_in;
use super::opening::open_ledger;
use super::reporting::finish;
use crate::cli::{Cli, SlipsArgs, SlipsBy};
use crate::ledger::log::{self, Query, decode};
use crate::ledger::revision::read_each;
use crate::{Environment, Failure};
use ordo_core::reports::history::short_date;
use ordo_core::reports::slips::{self, By, Move, Read, Recorded};

pub(crate) fn run(
    cli: &Cli,
    args: &SlipsArgs,
    env: &Environment,
    out: &mut Vec<u8>,
) -> Result<u8, Failure> {
    let ledger = open_ledger(cli, env)?;
    let lang = super::invocation::lang_of(cli, &ledger.config, Some(args.report.format));
    let now = now_in(cli, env, ledger.tz)?;
    let since = args.since.map(|d| d.to_string());
    let commits = log::log(
        &ledger.root,
        &Query {
            paths: &["orders"],
            since: since.as_deref(),
            follow: false,
            merges: false,
        },
    )?;
    // Only orders changed in place can move: a new or deleted file has no before.
    let pairs: Vec<(&log::Commit, String, String)> = commits
        .iter()
        .flat_map(|c| {
            c.files.iter().filter_map(move |f| {
                let (Some(parent), Some(before), Some(after)) = (&c.parent, &f.before, &f.after)
                else {
                    return None;
                };
                Some((c, log::spec(parent, before), log::spec(&c.id, after)))
            })
        })
        .collect();
    let specs: Vec<String> = pairs
        .iter()
        .flat_map(|(_, a, b)| [a.clone(), b.clone()])
        .collect();
    let mut moves: Vec<Move> = Vec::new();
    let mut pending: Option<Option<ordo_core::model::Order>> = None;
    let mut index = 0;
    read_each(&ledger.root, &specs, |text| {
        let order = text.and_then(|t| decode(&t));
        let Some(before) = pending.take() else {
            pending = Some(order);
            return;
        };
        let (commit, _, _) = &pairs[index];
        index += 1;
        let (Some(before), Some(after)) = (before, order) else {
            return;
        };
        let recorded = Recorded {
            commit: commit.id.get(..8).unwrap_or(&commit.id).to_owned(),
            author: commit.author.clone(),
            date: short_date(&commit.date),
        };
        moves.extend(slips::moves(
            &ledger.config,
            &ledger.calendars,
            &before,
            &after,
            &recorded,
        ));
    })?;
    let by = match args.by {
        SlipsBy::Step => By::Step,
        SlipsBy::Customer => By::Customer,
        SlipsBy::Owner => By::Owner,
    };
    let report = slips::report(
        lang,
        moves,
        by,
        &Read {
            since: since.as_deref(),
            commits: commits.len(),
            shallow: !crate::ledger::log::shallow_boundary(&ledger.root).is_empty(),
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
