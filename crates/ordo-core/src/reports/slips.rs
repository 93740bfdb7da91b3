//! `slips`: how often and how far baselines and due dates moved, from pairs of
//! an order's versions (the command reads them from git), grouped by step,
//! customer or owner, with the worst moves.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::changes::{Kind, changes};
use super::report::{Cell, Report, Section, col};
use crate::engine::due::Calendars;
use crate::i18n::{Lang, t, tr};
use crate::model::{Config, Order};

/// How many single moves the report lists as the worst.
const WORST: usize = 15;

/// The commit a version of an order was recorded in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The commit's id, shortened.
    pub commit: String,
    pub author: String,
    /// The day, `YYYY-MM-DD`.
    pub date: String,
}

/// One baseline or due date that moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub order: String,
    pub customer: String,
    pub owner: String,
    pub step: String,
    /// A baseline (`planned`) moved, rather than a computed due date.
    pub baseline: bool,
    pub old: String,
    pub new: String,
    /// Working days later (negative: earlier).
    pub days: i64,
    pub recorded: Recorded,
}

/// What the moves are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Step,
    Customer,
    Owner,
}

impl By {
    fn key(self) -> &'static str {
        match self {
            By::Step => "step",
            By::Customer => "customer",
            By::Owner => "owner",
        }
    }
}

/// The moves between two versions of one order. A file that holds another
/// order than before (its uid says so) did not move that order's dates.
pub fn moves(
    config: &Config,
    calendars: &Calendars,
    before: &Order,
    after: &Order,
    recorded: &Recorded,
) -> Vec<Move> {
    if before.uid.is_some() && after.uid.is_some() && before.uid != after.uid {
        return Vec::new();
    }
    changes(config, calendars, Some(before), Some(after))
        .into_iter()
        .filter_map(|change| {
            let (step, baseline) = match change.kind {
                Kind::Baseline { step } => (step, true),
                Kind::Due { step } => (step, false),
                Kind::Field => return None,
            };
            let days = change.slip.filter(|d| *d != 0)?;
            Some(Move {
                order: after.id.clone(),
                customer: after.customer.clone(),
                owner: after.owner.clone(),
                step,
                baseline,
                old: change.old,
                new: change.new,
                days,
                recorded: recorded.clone(),
            })
        })
        .collect()
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

/// What the report says of where its moves come from.
pub struct Read<'a> {
    /// The day the history starts, when limited.
    pub since: Option<&'a str>,
    /// How many commits were read.
    pub commits: usize,
    /// Whether the clone is shallow: older history is not there.
    pub shallow: bool,
    pub as_of: String,
}

/// The report of `moves`, grouped `by`, in `lang`.
pub fn report(lang: Lang, mut moves: Vec<Move>, by: By, read: &Read<'_>) -> Report {
    let key_of = |m: &Move| match by {
        By::Step => m.step.clone(),
        By::Customer => m.customer.clone(),
        By::Owner => m.owner.clone(),
    };
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for m in &moves {
        let g = groups.entry(key_of(m)).or_default();
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
    let mut summary = Section::new(
        "summary",
        "",
        &[
            col(by.key()),
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
    rows.sort_by_key(|(key, g)| (Reverse(g.later), (*key).clone()));
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
    moves.sort_by_key(|m| (Reverse(m.days.abs()), m.order.clone(), m.step.clone()));
    for m in moves.iter().take(WORST) {
        let what = if m.baseline {
            "move-baseline"
        } else {
            "move-due"
        };
        worst.push(vec![
            m.order.clone().into(),
            m.step.clone().into(),
            t(lang, what).into(),
            m.old.clone().into(),
            m.new.clone().into(),
            Cell::Int(m.days),
            m.recorded.commit.clone().into(),
            m.recorded.author.clone().into(),
            m.recorded.date.clone().into(),
        ]);
    }
    Report {
        name: "slips",
        title: match read.since {
            Some(since) => tr(lang, "report-slips-since", &[("since", since.into())]),
            None => t(lang, "report-slips"),
        },
        as_of: read.as_of.clone(),
        sections: vec![summary, worst],
        notes: std::iter::once(tr(
            lang,
            "note-slips",
            &[
                ("moves", moves.len().into()),
                ("commits", read.commits.into()),
            ],
        ))
        .chain(read.shallow.then(|| t(lang, "note-slips-shallow")))
        .collect(),
        invalid: Vec::new(),
        commit: None,
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(order: &str, step: &str, days: i64) -> Move {
        Move {
            order: order.into(),
            customer: "C".into(),
            owner: "o".into(),
            step: step.into(),
            baseline: days > 0,
            old: "2026-11-01".into(),
            new: "2026-11-09".into(),
            days,
            recorded: Recorded {
                commit: "abcdef12".into(),
                author: "ann".into(),
                date: "2026-11-02".into(),
            },
        }
    }

    fn text(cell: &Cell) -> String {
        match cell {
            Cell::Text(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) => format!("{f:.1}"),
            Cell::Empty => String::new(),
        }
    }

    #[test]
    fn groups_put_the_most_working_days_lost_first_and_the_worst_moves_by_size() {
        let moves = vec![
            moved("A-1", "ORD-08", 3),
            moved("A-2", "ORD-08", -1),
            moved("A-3", "ORD-13", 5),
        ];
        let read = Read {
            since: None,
            commits: 2,
            shallow: false,
            as_of: "2026-11-20 12:00 +08:00".into(),
        };
        let report = report(Lang::En, moves, By::Step, &read);
        let rows: Vec<Vec<String>> = report.sections[0]
            .rows
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect();
        // step, moves, baselines, dues, later, earlier, average, worst
        assert_eq!(
            rows,
            [
                ["ORD-13", "1", "1", "0", "5", "0", "5.0", "5"],
                ["ORD-08", "2", "1", "1", "3", "1", "1.0", "3"],
            ]
        );
        let worst: Vec<String> = report.sections[1]
            .rows
            .iter()
            .map(|r| text(&r[0]))
            .collect();
        assert_eq!(worst, ["A-3", "A-1", "A-2"]);
        assert!(report.notes[0].starts_with("3 moves of a baseline or due date in 2 commits"));
    }
}
