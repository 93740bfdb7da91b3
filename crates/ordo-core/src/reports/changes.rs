//! What changed in an order from one version of its file to the next: its
//! steps (planned, done, skipped), dates, contract terms, payments, state, and
//! the due dates those compute to, with how far each baseline or due date moved
//! in working days. `ordo history` lists them commit by commit; `ordo slips`
//! sums the moves across a ledger.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::engine::calendar::WorkCalendar;
use crate::engine::due::Calendars;
use crate::engine::schedule::Schedule;
use crate::model::Config;
use crate::model::order::Order;

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A field of the order as written.
    Field,
    /// A step's baseline (`planned`).
    Baseline { step: String },
    /// A step's computed due date.
    Due { step: String },
}

/// One change between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    /// The field, as a path into the order (`steps.ORD-03.done`, `due ORD-08`).
    pub field: String,
    pub old: String,
    pub new: String,
    /// How far a date moved, in working days of its calendar (later is
    /// positive); `None` when it is not a move of a date, or cannot be counted.
    pub slip: Option<i64>,
}

/// The changes from `old` to `new` (either absent: the order was created or
/// deleted). Due dates are computed with `config` for both versions.
pub fn changes(
    config: &Config,
    calendars: &Calendars,
    old: Option<&Order>,
    new: Option<&Order>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let field = |out: &mut Vec<Change>, name: String, old: Option<String>, new: Option<String>| {
        if old != new {
            out.push(Change {
                kind: Kind::Field,
                field: name,
                old: old.unwrap_or_default(),
                new: new.unwrap_or_default(),
                slip: None,
            });
        }
    };
    macro_rules! scalar {
        ($name:literal, $get:expr) => {
            field(
                &mut out,
                $name.to_owned(),
                old.and_then($get),
                new.and_then($get),
            );
        };
    }
    scalar!("received", |o: &Order| Some(o.received.to_string()));
    scalar!("state", |o: &Order| o.state.map(|s| s.to_string()));
    scalar!("state_reason", |o: &Order| o.state_reason.clone());
    scalar!("owner", |o: &Order| Some(o.owner.clone()));
    scalar!("priority", |o: &Order| Some(o.priority.to_string()));
    scalar!("requested_delivery", |o: &Order| o
        .requested_delivery
        .map(|d| d.to_string()));
    scalar!("confirmation.sent", |o: &Order| o
        .confirmation
        .as_ref()
        .and_then(|c| c.sent)
        .map(|m| m.to_string()));
    scalar!("confirmation.signed", |o: &Order| o
        .confirmation
        .as_ref()
        .and_then(|c| c.signed)
        .map(|d| d.to_string()));
    scalar!("contract.signed", |o: &Order| o
        .contract
        .as_ref()
        .and_then(|c| c.signed)
        .map(|d| d.to_string()));
    scalar!("contract.production_time", |o: &Order| o
        .contract
        .as_ref()
        .and_then(|c| c.production_time.as_ref())
        .map(|d| d.to_string()));
    scalar!("contract.payment_terms", |o: &Order| o
        .contract
        .as_ref()
        .map(terms)
        .filter(|t| !t.is_empty()));
    scalar!("total", |o: &Order| crate::model::money::total(o)
        .ok()
        .map(|t| t.normalize().to_string()));
    let names = |o: Option<&Order>| -> BTreeSet<String> {
        o.map(|o| o.dates.keys().cloned().collect())
            .unwrap_or_default()
    };
    for name in names(old).union(&names(new)) {
        field(
            &mut out,
            format!("dates.{name}"),
            old.and_then(|o| o.dates.get(name)).map(|m| m.to_string()),
            new.and_then(|o| o.dates.get(name)).map(|m| m.to_string()),
        );
    }
    records(&mut out, "payments", old, new, |o| {
        o.payments
            .iter()
            .map(|p| format!("{} {} on {}", p.installment, p.amount, p.received))
            .collect()
    });
    records(&mut out, "amendments", old, new, |o| {
        o.amendments
            .iter()
            .map(|a| format!("{} ({}) by {}: {}", a.at, a.impact, a.by, a.summary))
            .collect()
    });
    records(&mut out, "incidents", old, new, |o| {
        o.incidents
            .iter()
            .map(|i| format!("{} {}: {}", i.opened, i.kind, i.summary))
            .collect()
    });
    records(&mut out, "holds", old, new, |o| {
        o.holds
            .iter()
            .map(|h| {
                format!(
                    "{} .. {}: {}",
                    h.from,
                    h.to.map(|t| t.to_string()).unwrap_or_default(),
                    h.reason
                )
            })
            .collect()
    });
    steps(&mut out, config, calendars, old, new);
    out
}

fn terms(contract: &crate::model::order::Contract) -> String {
    contract
        .payment_terms
        .iter()
        .map(|t| {
            format!(
                "{} {}% {}",
                t.name,
                t.percent,
                crate::engine::due::describe_rule(&t.due)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Records added or removed (a changed record is one removed and one added).
fn records(
    out: &mut Vec<Change>,
    name: &str,
    old: Option<&Order>,
    new: Option<&Order>,
    of: impl Fn(&Order) -> Vec<String>,
) {
    let old: Vec<String> = old.map(&of).unwrap_or_default();
    let new: Vec<String> = new.map(&of).unwrap_or_default();
    for gone in old.iter().filter(|r| !new.contains(r)) {
        out.push(Change {
            kind: Kind::Field,
            field: name.to_owned(),
            old: gone.clone(),
            new: String::new(),
            slip: None,
        });
    }
    for added in new.iter().filter(|r| !old.contains(r)) {
        out.push(Change {
            kind: Kind::Field,
            field: name.to_owned(),
            old: String::new(),
            new: added.clone(),
            slip: None,
        });
    }
}

/// The steps' records, baselines and computed due dates.
fn steps(
    out: &mut Vec<Change>,
    config: &Config,
    calendars: &Calendars,
    old: Option<&Order>,
    new: Option<&Order>,
) {
    let ids: BTreeSet<&String> = old
        .iter()
        .chain(new.iter())
        .flat_map(|o| o.steps.keys())
        .collect();
    let workflow = new
        .or(old)
        .and_then(|o| config.workflow_of(o.workflow.as_deref()));
    let calendar_of = |step: &str| {
        let rule_calendar = workflow
            .and_then(|(_, w)| w.steps.iter().find(|s| s.id == step))
            .and_then(|s| s.due.as_ref())
            .and_then(|d| d.calendar.as_deref());
        calendars.get(rule_calendar).ok()
    };
    for id in ids {
        let record = |o: Option<&Order>| o.and_then(|o| o.steps.get(id.as_str())).cloned();
        let (before, after) = (record(old), record(new));
        let part = |r: &Option<crate::model::order::StepRecord>, what: &str| -> Option<String> {
            let r = r.as_ref()?;
            match what {
                "done" => r.done.map(|d| d.to_string()),
                "skipped" => r.skipped.clone(),
                "by" => r.by.clone(),
                _ => r.planned.map(|p| p.to_string()),
            }
        };
        for what in ["done", "skipped", "by"] {
            let (o, n) = (part(&before, what), part(&after, what));
            if o != n {
                out.push(Change {
                    kind: Kind::Field,
                    field: format!("steps.{id}.{what}"),
                    old: o.unwrap_or_default(),
                    new: n.unwrap_or_default(),
                    slip: None,
                });
            }
        }
        let (o, n) = (
            before.as_ref().and_then(|r| r.planned),
            after.as_ref().and_then(|r| r.planned),
        );
        if o != n {
            let slip = match (o, n, calendar_of(id)) {
                (Some(o), Some(n), Some(calendar)) => {
                    working_days(calendar, o.date_part(), n.date_part())
                }
                _ => None,
            };
            out.push(Change {
                kind: Kind::Baseline { step: id.clone() },
                field: format!("steps.{id}.planned"),
                old: o.map(|m| m.to_string()).unwrap_or_default(),
                new: n.map(|m| m.to_string()).unwrap_or_default(),
                slip,
            });
        }
    }
    // Due dates of the steps still open in the new version.
    let (Some(old), Some(new)) = (old, new) else {
        return;
    };
    let (Some(before), Some(after)) = (
        Schedule::of(config, calendars, old),
        Schedule::of(config, calendars, new),
    ) else {
        return;
    };
    for line in after.steps.iter().filter(|l| l.state.is_open()) {
        let due = |s: &Schedule<'_>| {
            s.line(&line.step.id)
                .and_then(|l| l.due.as_ref().ok())
                .and_then(|c| c.point)
        };
        let (o, n) = (due(&before), due(&after));
        if o == n {
            continue;
        }
        let slip = match (o, n, calendar_of(&line.step.id)) {
            (Some(o), Some(n), Some(calendar)) => working_days(calendar, o.date(), n.date()),
            _ => None,
        };
        out.push(Change {
            kind: Kind::Due {
                step: line.step.id.clone(),
            },
            field: format!("due {}", line.step.id),
            old: o.map(|p| p.to_string()).unwrap_or_default(),
            new: n.map(|p| p.to_string()).unwrap_or_default(),
            slip,
        });
    }
}

/// Working days from `from` to `to` (negative when `to` is earlier).
fn working_days(calendar: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> Option<i64> {
    calendar.working_days_between(from, to).ok()
}
