//! `ordo sla` (DESIGN 4): every policy measured on every order it applies to (or
//! every incident, for `per: incident` policies): not-started, running, paused,
//! met or breached, on a working or a calendar clock, with holds paused out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration as Span, NaiveDate};
use chrono_tz::Tz;

use super::Book;
use crate::engine::calendar::WorkCalendar;
use crate::model::Moment;
use crate::model::config::{Clock, SlaPolicy, SlaUnit};
use crate::model::due::Anchor;
use crate::model::duration::{Duration, Unit};
use crate::model::enums::Priority;
use crate::model::moment::Resolved;
use crate::model::order::Order;
use crate::model::status::matches;
use crate::output::report::{Cell, Report, Section, col};

/// Where a measurement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    NotStarted,
    Running,
    Paused,
    Met,
    Breached,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::NotStarted => "not-started",
            State::Running => "running",
            State::Paused => "paused",
            State::Met => "met",
            State::Breached => "breached",
        }
    }
}

/// One policy measured on one order (or one incident).
#[derive(Debug, Clone)]
pub struct Measurement<'c> {
    pub policy: &'c SlaPolicy,
    pub order: String,
    pub priority: Priority,
    /// The summary group it counts in (see [`By`]).
    pub group: String,
    pub incident: Option<usize>,
    pub start: Option<DateTime<Tz>>,
    pub stop: Option<DateTime<Tz>>,
    pub elapsed: Span,
    pub target: Span,
    pub state: State,
    /// Why a time was assumed (a bare date taken as a working-day boundary).
    pub flags: Vec<String>,
}

impl Measurement<'_> {
    pub fn stopped(&self) -> bool {
        self.stop.is_some()
    }
}

/// Grouping of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Policy,
    Priority,
    Owner,
    Customer,
    Month,
}

/// Measures every policy on an order, grouping each measurement `by`.
pub fn measure<'c>(book: &Book<'c>, order: &Order, by: By) -> Vec<Measurement<'c>> {
    let mut out = Vec::new();
    let Some((workflow, _)) = book.config.workflow_of(order.workflow.as_deref()) else {
        return out;
    };
    if order.state == Some(crate::model::enums::State::Cancelled) {
        return out;
    }
    for policy in &book.config.sla {
        if policy
            .when
            .as_ref()
            .is_some_and(|w| !matches(w, order, workflow))
        {
            continue;
        }
        let Some(target) = policy.target.for_priority(order.priority) else {
            continue;
        };
        let Ok(calendar) = book.calendars.get(policy.calendar.as_deref()) else {
            continue;
        };
        let mut measured = Vec::new();
        match policy.per {
            Some(SlaUnit::Incident) => {
                for (i, incident) in order.incidents.iter().enumerate() {
                    let start = Some(incident.opened.0);
                    measured.push(one(
                        book,
                        policy,
                        order,
                        Some(i),
                        (start, incident.resolved),
                        target,
                        calendar,
                    ));
                }
            }
            None => {
                let (Some(start), Some(stop)) = (&policy.start, &policy.stop) else {
                    continue;
                };
                let start = anchor_value(order, start);
                let stop = anchor_value(order, stop);
                measured.push(one(
                    book,
                    policy,
                    order,
                    None,
                    (start, stop),
                    target,
                    calendar,
                ));
            }
        }
        for mut m in measured {
            m.group = match by {
                By::Policy => String::new(),
                By::Priority => order.priority.to_string(),
                By::Owner => order.owner.clone(),
                By::Customer => order.customer.clone(),
                By::Month => m.stop.unwrap_or(book.now).format("%Y-%m").to_string(),
            };
            out.push(m);
        }
    }
    out
}

/// The recorded value of an anchor, if it has happened.
fn anchor_value(order: &Order, anchor: &Anchor) -> Option<Moment> {
    match anchor {
        Anchor::Received => Some(order.received.0),
        Anchor::ConfirmationSent => order.confirmation.as_ref().and_then(|c| c.sent),
        Anchor::ConfirmationSigned => order
            .confirmation
            .as_ref()
            .and_then(|c| c.signed)
            .map(Moment::Date),
        Anchor::ContractSigned => order
            .contract
            .as_ref()
            .and_then(|c| c.signed)
            .map(Moment::Date),
        Anchor::RequestedDelivery => order.requested_delivery.map(Moment::Date),
        Anchor::Date(name) => order.dates.get(name).copied(),
        Anchor::Step(id) => order.steps.get(id).and_then(|r| r.done),
    }
}

fn one<'c>(
    book: &Book<'c>,
    policy: &'c SlaPolicy,
    order: &Order,
    incident: Option<usize>,
    (start, stop): (Option<Moment>, Option<Moment>),
    target: &Duration,
    calendar: &WorkCalendar,
) -> Measurement<'c> {
    let mut flags = Vec::new();
    let target = target_span(target, policy.clock, calendar);
    let Some(start) = start.map(|m| instant(m, calendar, true, "start", &mut flags)) else {
        return Measurement {
            policy,
            order: order.id.clone(),
            priority: order.priority,
            group: String::new(),
            incident,
            start: None,
            stop: None,
            elapsed: Span::zero(),
            target,
            state: State::NotStarted,
            flags,
        };
    };
    let stop = stop.map(|m| instant(m, calendar, false, "stop", &mut flags));
    let end = stop.unwrap_or(book.now).max(start);
    let holds: Vec<(DateTime<Tz>, DateTime<Tz>)> = order
        .holds
        .iter()
        .map(|h| {
            let from = instant(h.from, calendar, true, "hold", &mut Vec::new());
            let to = h.to.map_or(book.now.max(from), |t| {
                instant(t, calendar, false, "hold", &mut Vec::new())
            });
            (from, to)
        })
        .collect();
    let clock = |a: DateTime<Tz>, b: DateTime<Tz>| match policy.clock {
        Clock::Working => calendar
            .working_time_between(a, b)
            .unwrap_or_else(|_| b - a),
        Clock::Calendar => (b - a).max(Span::zero()),
    };
    let mut elapsed = clock(start, end);
    for (from, to) in &holds {
        let (a, b) = ((*from).max(start), (*to).min(end));
        if b > a {
            elapsed -= clock(a, b);
        }
    }
    let elapsed = elapsed.max(Span::zero());
    let on_hold_now =
        stop.is_none()
            && order.holds.iter().zip(&holds).any(|(hold, (from, to))| {
                *from <= book.now && (hold.to.is_none() || book.now < *to)
            });
    let state = if elapsed > target {
        State::Breached
    } else if stop.is_some() {
        State::Met
    } else if on_hold_now {
        State::Paused
    } else {
        State::Running
    };
    Measurement {
        policy,
        order: order.id.clone(),
        priority: order.priority,
        group: String::new(),
        incident,
        start: Some(start),
        stop,
        elapsed,
        target,
        state,
        flags,
    }
}

/// An instant for a recorded moment. A bare date has no time: a start is taken
/// at the opening of that day's working hours, a stop at their close, and flagged.
fn instant(
    moment: Moment,
    calendar: &WorkCalendar,
    is_start: bool,
    what: &str,
    flags: &mut Vec<String>,
) -> DateTime<Tz> {
    match moment.resolve(calendar.tz) {
        Resolved::One(dt) | Resolved::Ambiguous(dt) if moment.has_time() => dt,
        _ => {
            let day: NaiveDate = moment.date_part();
            let (open, close) = calendar.window(day);
            if is_start {
                flags.push(format!(
                    "{what} {day} is a date: taken as {}",
                    open.format("%H:%M")
                ));
                open
            } else {
                flags.push(format!(
                    "{what} {day} is a date: taken as {}",
                    close.format("%H:%M")
                ));
                close
            }
        }
    }
}

/// The target as time on the policy's clock: on a working clock a day is a
/// working day's hours; on a calendar clock it is 24 hours.
fn target_span(target: &Duration, clock: Clock, calendar: &WorkCalendar) -> Span {
    let day = match clock {
        Clock::Working => calendar.close - calendar.open,
        Clock::Calendar => Span::hours(24),
    };
    let week = match clock {
        Clock::Working => day * 5,
        Clock::Calendar => Span::days(7),
    };
    target
        .terms
        .iter()
        .map(|t| {
            let n = i32::try_from(t.count).unwrap_or(i32::MAX);
            match t.unit {
                Unit::Hours | Unit::WorkingHours => Span::hours(i64::from(n)),
                Unit::Days | Unit::WorkingDays => day * n,
                Unit::Weeks => week * n,
                Unit::Months => Span::days(30) * n,
            }
        })
        .fold(Span::zero(), |a, b| a + b)
}

/// Options of the SLA report.
#[derive(Debug, Clone)]
pub struct Options {
    pub by: By,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub detail: bool,
}

/// The counts of one summary group.
#[derive(Debug, Default)]
struct Tally {
    measured: usize,
    met: usize,
    breached: usize,
    running: usize,
    past_target: usize,
    paused: usize,
    /// Elapsed hours of the stopped measurements.
    hours: Vec<f64>,
    targets: BTreeSet<String>,
}

/// The measurements of many orders as the report needs them: counted into
/// their groups (and kept one by one only for `--detail`), so a ledger of
/// 100,000 orders is summed as it is read.
#[derive(Debug, Default)]
pub struct Measured<'c> {
    groups: BTreeMap<(&'c str, String), Tally>,
    detail: Vec<Measurement<'c>>,
    kept: usize,
    flagged: usize,
}

impl<'c> Measured<'c> {
    /// Counts an order's measurements: the started ones that stopped in the
    /// range, or have not stopped.
    pub fn add(mut self, book: &Book<'c>, order: &Order, options: &Options) -> Self {
        for m in measure(book, order, options.by) {
            let in_range = m.stop.is_none_or(|stop| {
                let day = stop.date_naive();
                options.from.is_none_or(|f| day >= f) && options.to.is_none_or(|t| day <= t)
            });
            if m.state == State::NotStarted || !in_range {
                continue;
            }
            self.kept += 1;
            if !m.flags.is_empty() {
                self.flagged += 1;
            }
            let tally = self
                .groups
                .entry((m.policy.id.as_str(), m.group.clone()))
                .or_default();
            tally.measured += 1;
            match (m.state, m.stopped()) {
                (State::Met, _) => tally.met += 1,
                (State::Breached, true) => tally.breached += 1,
                (State::Breached, false) => tally.past_target += 1,
                (State::Running, _) => tally.running += 1,
                (State::Paused, _) => tally.paused += 1,
                (State::NotStarted, _) => {}
            }
            if m.stopped() {
                tally.hours.push(hours(m.elapsed));
            }
            tally.targets.insert(format_span(m.target));
            if options.detail {
                self.detail.push(m);
            }
        }
        self
    }

    pub fn merge(mut self, other: Self) -> Self {
        for (key, theirs) in other.groups {
            let tally = self.groups.entry(key).or_default();
            tally.measured += theirs.measured;
            tally.met += theirs.met;
            tally.breached += theirs.breached;
            tally.running += theirs.running;
            tally.past_target += theirs.past_target;
            tally.paused += theirs.paused;
            tally.hours.extend(theirs.hours);
            tally.targets.extend(theirs.targets);
        }
        self.detail.extend(other.detail);
        self.kept += other.kept;
        self.flagged += other.flagged;
        self
    }
}

pub fn report(book: &Book<'_>, measured: Measured<'_>, options: &Options) -> Report {
    let Measured {
        groups,
        detail: mut kept,
        kept: count,
        flagged,
    } = measured;
    let by_heading = match options.by {
        By::Policy => "",
        By::Priority => "priority",
        By::Owner => "owner",
        By::Customer => "customer",
        By::Month => "month",
    };
    let mut columns = vec![col("policy", "policy")];
    if !by_heading.is_empty() {
        columns.push(col("group", by_heading));
    }
    columns.extend([
        col("target", "target"),
        col("measured", "measured"),
        col("met", "met"),
        col("breached", "breached"),
        col("compliance_pct", "compliance %"),
        col("median_hours", "median h"),
        col("p90_hours", "p90 h"),
        col("running", "running"),
        col("running_past_target", "past target"),
        col("paused", "paused"),
    ]);
    let mut summary = Section::new("summary", "", &columns);
    for ((policy, group), mut tally) in groups {
        tally.hours.sort_by(f64::total_cmp);
        let (met, breached) = (tally.met, tally.breached);
        let compliance = if met + breached > 0 {
            Cell::Float(100.0 * met as f64 / (met + breached) as f64)
        } else {
            Cell::Empty
        };
        let mut row: Vec<Cell> = vec![policy.into()];
        if !by_heading.is_empty() {
            row.push(group.into());
        }
        row.extend([
            tally
                .targets
                .into_iter()
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            tally.measured.into(),
            met.into(),
            breached.into(),
            compliance,
            percentile(&tally.hours, 0.5).map_or(Cell::Empty, Cell::Float),
            percentile(&tally.hours, 0.9).map_or(Cell::Empty, Cell::Float),
            tally.running.into(),
            tally.past_target.into(),
            tally.paused.into(),
        ]);
        summary.push(row);
    }
    let mut sections = vec![summary];
    if options.detail {
        let mut detail = Section::new(
            "detail",
            "Measurements",
            &[
                col("policy", "policy"),
                col("order", "order"),
                col("priority", "priority"),
                col("start", "start"),
                col("stop", "stop"),
                col("elapsed_hours", "elapsed h"),
                col("target", "target"),
                col("status", "status"),
                col("note", "note"),
            ],
        );
        kept.sort_by(|a, b| {
            (&a.policy.id, &a.order, a.incident).cmp(&(&b.policy.id, &b.order, b.incident))
        });
        for m in kept {
            let order = match m.incident {
                Some(i) => format!("{} incident {}", m.order, i + 1),
                None => m.order.clone(),
            };
            detail.push(vec![
                m.policy.id.clone().into(),
                order.into(),
                m.priority.to_string().into(),
                m.start
                    .map(|s| s.format("%Y-%m-%d %H:%M").to_string())
                    .into(),
                m.stop
                    .map(|s| s.format("%Y-%m-%d %H:%M").to_string())
                    .into(),
                Cell::Float(hours(m.elapsed)),
                format_span(m.target).into(),
                m.state.as_str().into(),
                Some(m.flags.join("; ")).filter(|f| !f.is_empty()).into(),
            ]);
        }
        sections.push(detail);
    }
    let mut notes = vec![format!(
        "{count} measurements; compliance = met / (met + breached) among stopped ones, grouped by when they stopped"
    )];
    if flagged > 0 {
        notes.push(format!(
            "{flagged} measurements start or stop on a bare date, taken as the opening or close of that day's working hours (see --detail)"
        ));
    }
    Report {
        name: "sla",
        title: "Service levels".into(),
        as_of: book.as_of(),
        sections,
        notes,
        invalid: Vec::new(),
    }
}

fn hours(span: Span) -> f64 {
    (span.num_minutes() as f64 / 60.0 * 10.0).round() / 10.0
}

fn format_span(span: Span) -> String {
    let minutes = span.num_minutes();
    if minutes % 60 == 0 {
        format!("{}h", minutes / 60)
    } else {
        format!("{}h{:02}", minutes / 60, minutes % 60)
    }
}

/// The nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert_eq!(percentile(&values, 0.5), Some(5.0));
        assert_eq!(percentile(&values, 0.9), Some(9.0));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn spans_print_in_hours() {
        assert_eq!(format_span(Span::hours(24)), "24h");
        assert_eq!(format_span(Span::minutes(90)), "1h30");
        assert_eq!(hours(Span::minutes(135)), 2.3);
    }
}
