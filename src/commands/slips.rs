//! `ordo slips`: how often and how far baselines and due dates moved across the
//! ledger, from git's history, grouped by step, customer or owner, with the
//! worst moves. One `git log` lists the commits; one `git cat-file` reads every
//! version, streamed.

use std::collections::BTreeMap;

use super::invocation::now_in;
use super::opening::open_ledger;
use super::reporting::finish;
use crate::cli::{Cli, SlipsArgs, SlipsBy};
use crate::ledger::log::{self, Query, decode, short_date};
use crate::ledger::revision::read_each;
use crate::{Environment, Failure};
use ordo_core::i18n::{t, tr};
use ordo_core::reports::changes::{Kind, changes};
use ordo_core::reports::report::{Cell, Report, Section, col};

/// How many single moves the report lists as the worst.
const WORST: usize = 15;

/// One baseline or due date that moved.
struct Move {
    order: String,
    customer: String,
    owner: String,
    step: String,
    baseline: bool,
    old: String,
    new: String,
    days: i64,
    commit: String,
    author: String,
    date: String,
}

#[derive(Default)]
struct Group {
    moves: usize,
    baselines: usize,
    dues: usize,
    later: i64,
    earlier: i64,
    worst: i64,
}

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
    )
    .map_err(Failure::Io)?;
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
        // A file that holds another order than before (its uid says so) did
        // not move that order's dates.
        if before.uid.is_some() && after.uid.is_some() && before.uid != after.uid {
            return;
        }
        for change in changes(
            &ledger.config,
            &ledger.calendars,
            Some(&before),
            Some(&after),
        ) {
            let (step, baseline) = match change.kind {
                Kind::Baseline { step } => (step, true),
                Kind::Due { step } => (step, false),
                Kind::Field => continue,
            };
            let Some(days) = change.slip.filter(|d| *d != 0) else {
                continue;
            };
            moves.push(Move {
                order: after.id.clone(),
                customer: after.customer.clone(),
                owner: after.owner.clone(),
                step,
                baseline,
                old: change.old,
                new: change.new,
                days,
                commit: commit.id.get(..8).unwrap_or(&commit.id).to_owned(),
                author: commit.author.clone(),
                date: short_date(&commit.date),
            });
        }
    })
    .map_err(Failure::Io)?;
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for m in &moves {
        let key = match args.by {
            SlipsBy::Step => m.step.clone(),
            SlipsBy::Customer => m.customer.clone(),
            SlipsBy::Owner => m.owner.clone(),
        };
        let g = groups.entry(key).or_default();
        g.moves += 1;
        if m.baseline {
            g.baselines += 1;
        } else {
            g.dues += 1;
        }
        if m.days > 0 {
            g.later += m.days;
        } else {
            g.earlier -= m.days;
        }
        g.worst = g.worst.max(m.days);
    }
    let by = match args.by {
        SlipsBy::Step => "step",
        SlipsBy::Customer => "customer",
        SlipsBy::Owner => "owner",
    };
    let mut summary = Section::new(
        "summary",
        "",
        &[
            col(by),
            col("moves"),
            col("baseline_moves"),
            col("due_moves"),
            col("working_days_later"),
            col("working_days_earlier"),
            col("average_working_days"),
            col("worst_working_days"),
        ],
    );
    let mut rows: Vec<(&String, &Group)> = groups.iter().collect();
    rows.sort_by_key(|(key, g)| (std::cmp::Reverse(g.later), (*key).clone()));
    for (key, g) in rows {
        summary.push(vec![
            key.clone().into(),
            g.moves.into(),
            g.baselines.into(),
            g.dues.into(),
            Cell::Int(g.later),
            Cell::Int(g.earlier),
            Cell::Float((g.later - g.earlier) as f64 / g.moves as f64),
            Cell::Int(g.worst),
        ]);
    }
    let mut worst = Section::new(
        "worst",
        t(lang, "section-worst"),
        &[
            col("order"),
            col("step"),
            col("what"),
            col("old"),
            col("new"),
            col("working_days"),
            col("commit"),
            col("author"),
            col("date"),
        ],
    );
    moves.sort_by_key(|m| {
        (
            std::cmp::Reverse(m.days.abs()),
            m.order.clone(),
            m.step.clone(),
        )
    });
    for m in moves.iter().take(WORST) {
        worst.push(vec![
            m.order.clone().into(),
            m.step.clone().into(),
            t(
                lang,
                if m.baseline {
                    "move-baseline"
                } else {
                    "move-due"
                },
            )
            .into(),
            m.old.clone().into(),
            m.new.clone().into(),
            Cell::Int(m.days),
            m.commit.clone().into(),
            m.author.clone().into(),
            m.date.clone().into(),
        ]);
    }
    let report = Report {
        name: "slips",
        title: match &since {
            Some(since) => tr(
                lang,
                "report-slips-since",
                &[("since", since.to_string().as_str().into())],
            ),
            None => t(lang, "report-slips"),
        },
        as_of: now.format("%Y-%m-%d %H:%M %:z").to_string(),
        sections: vec![summary, worst],
        notes: std::iter::once(tr(
            lang,
            "note-slips",
            &[
                ("moves", moves.len().into()),
                ("commits", commits.len().into()),
            ],
        ))
        .chain(
            (!crate::ledger::log::shallow_boundary(&ledger.root).is_empty())
                .then(|| t(lang, "note-slips-shallow")),
        )
        .collect(),
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
