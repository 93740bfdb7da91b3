//! `ordo sla`: every policy measured on every order it applies to (or
//! every incident, for `per: incident` policies): not-started, running, paused,
//! met or breached, on a working or a calendar clock, with holds paused out.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration as Span, NaiveDate};
use chrono_tz::Tz;

use super::Book;
use crate::engine::sla::{Measurement, State, measure};
use crate::model::order::Order;
use crate::reports::report::{Cell, Report, Section, col};

/// Grouping of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Policy,
    Priority,
    Owner,
    Customer,
    Month,
}

impl By {
    pub const ALL: &'static [By] = &[By::Policy, By::Priority, By::Owner, By::Customer, By::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            By::Policy => "policy",
            By::Priority => "priority",
            By::Owner => "owner",
            By::Customer => "customer",
            By::Month => "month",
        }
    }
}

/// The summary group a measurement `m` of `order` counts in, written into
/// `out` (a buffer kept between calls: most measurements fall in a group
/// already counted, which then needs no new key).
fn group_of(by: By, order: &Order, m: &Measurement<'_>, now: DateTime<Tz>, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    // Writing to a String cannot fail.
    let _ = match by {
        By::Policy => Ok(()),
        By::Priority => write!(out, "{}", order.priority),
        By::Owner => write!(out, "{}", order.owner),
        By::Customer => write!(out, "{}", order.customer),
        // `2026-11`, from the fields where it can be: a format string is
        // parsed at every call.
        By::Month => {
            let day = m.stop.unwrap_or(now).date_naive();
            if (0..=9999).contains(&day.year()) {
                write!(out, "{:04}-{:02}", day.year(), day.month())
            } else {
                write!(out, "{}", day.format("%Y-%m"))
            }
        }
    };
}

/// The key of the report's section of measurements one by one (`--detail`),
/// which a caller fills from its own store.
pub const DETAIL_SECTION: &str = "detail";

/// Options of the SLA report.
#[derive(Debug, Clone)]
pub struct Options {
    pub by: By,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub detail: bool,
}

/// The counts of one summary group.
#[derive(Debug, Default, Clone)]
struct Tally {
    measured: usize,
    met: usize,
    breached: usize,
    running: usize,
    past_target: usize,
    paused: usize,
    not_computable: usize,
    /// Elapsed hours of the stopped measurements.
    hours: Vec<f64>,
    /// Targets as spans, written out once for the report.
    targets: BTreeSet<Span>,
}

/// The measurements of many orders as the report needs them: counted into
/// their groups (and kept one by one only for `--detail`), so a ledger of
/// 100,000 orders is summed as it is read.
#[derive(Debug, Default, Clone)]
pub struct Measured<'c> {
    groups: BTreeMap<(&'c str, String), Tally>,
    /// The group of the measurement being counted (see [`group_of`]).
    key: String,
    /// For `--detail`: each measurement's row, made as it is counted (a
    /// measurement is several times the size of its row of text).
    detail: Vec<Detail<'c>>,
    kept: usize,
    flagged: usize,
    not_computable: usize,
}

impl<'c> Measured<'c> {
    /// Counts an order's measurements: the started ones that stopped in the
    /// range, or have not stopped.
    pub fn add(mut self, book: &Book<'c>, order: &Order, options: &Options) -> Self {
        for m in measure(book.config, book.calendars, book.now, order) {
            self.count(book, order, &m, options);
        }
        self
    }

    /// Counts one measurement of `order` (the site counts each into several
    /// groupings from one pass).
    pub fn count(
        &mut self,
        book: &Book<'c>,
        order: &Order,
        m: &Measurement<'c>,
        options: &Options,
    ) {
        let in_range = m.stop.is_none_or(|stop| {
            let day = stop.date_naive();
            options.from.is_none_or(|f| day >= f) && options.to.is_none_or(|t| day <= t)
        });
        if m.state == State::NotStarted || !in_range {
            return;
        }
        self.kept += 1;
        if m.state == State::NotComputable {
            self.not_computable += 1;
        } else if !m.flags.is_empty() {
            self.flagged += 1;
        }
        group_of(options.by, order, m, book.now, &mut self.key);
        let key = (m.policy.id.as_str(), std::mem::take(&mut self.key));
        let tally = match self.groups.get_mut(&key) {
            Some(tally) => {
                self.key = key.1;
                tally
            }
            None => self.groups.entry(key).or_default(),
        };
        tally.measured += 1;
        match (m.state, m.stopped()) {
            (State::Met, _) => tally.met += 1,
            (State::Breached, true) => tally.breached += 1,
            (State::Breached, false) => tally.past_target += 1,
            (State::Running, _) => tally.running += 1,
            (State::Paused, _) => tally.paused += 1,
            (State::NotComputable, _) => tally.not_computable += 1,
            (State::NotStarted, _) => {}
        }
        if let (true, Some(elapsed)) = (m.stopped(), m.elapsed) {
            tally.hours.push(hours(elapsed));
        }
        tally.targets.insert(m.target);
        if options.detail {
            self.detail.push(Detail {
                policy: m.policy.id.as_str(),
                order: m.order.clone(),
                incident: m.incident,
                row: detail_row(book, m),
            });
        }
    }

    /// Takes the detail rows counted so far, for a caller that keeps them
    /// elsewhere (a ledger's detail runs to hundreds of megabytes); the report
    /// then has an empty detail section for the caller to fill, in the order
    /// of [`Detail`].
    pub fn take_detail(&mut self) -> Vec<Detail<'c>> {
        std::mem::take(&mut self.detail)
    }

    /// Each group's compliance, typed (policy id, group, counts), in the
    /// order of the report's rows.
    pub fn compliance(&self) -> impl Iterator<Item = Compliance<'_>> {
        self.groups
            .iter()
            .map(|((policy, group), tally)| Compliance {
                policy,
                group,
                measured: tally.measured,
                met: tally.met,
                breached: tally.breached,
            })
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
            tally.not_computable += theirs.not_computable;
            tally.hours.extend(theirs.hours);
            tally.targets.extend(theirs.targets);
        }
        self.detail.extend(other.detail);
        self.kept += other.kept;
        self.flagged += other.flagged;
        self.not_computable += other.not_computable;
        self
    }
}

/// One group's count of the measurements that stopped: how many met their
/// target and how many did not.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Compliance<'m> {
    /// The policy's id.
    pub policy: &'m str,
    /// The group (a month `YYYY-MM`, a priority, an owner, ...), as grouped.
    pub group: &'m str,
    pub measured: usize,
    pub met: usize,
    pub breached: usize,
}

impl Compliance<'_> {
    /// The share of the stopped measurements that met the target, in percent;
    /// `None` when none stopped.
    pub fn percent(&self) -> Option<f64> {
        let stopped = self.met + self.breached;
        (stopped > 0).then(|| 100.0 * self.met as f64 / stopped as f64)
    }
}

/// A measurement that missed its target, as the site lists it and
/// `data/sla-breaches.json` gives it: in English, its times and spans written
/// as the SLA report writes them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Breach {
    // In the order of their names: the order `data/sla-breaches.json` gives them.
    pub deadline: String,
    /// Hours, one decimal.
    pub elapsed: String,
    pub order: String,
    /// The policy's English title.
    pub policy: String,
    pub priority: String,
    pub start: String,
    pub stop: Option<String>,
    pub target: String,
}

impl Breach {
    /// The breach `m` is, if it is one.
    pub fn of(m: &Measurement<'_>) -> Option<Breach> {
        (m.state == State::Breached).then(|| Breach {
            policy: m.policy.title.get(crate::i18n::Lang::En).to_owned(),
            order: m.order.clone(),
            priority: m.priority.to_string(),
            start: m.start.map(minute).unwrap_or_default(),
            deadline: m.deadline.map(minute).unwrap_or_default(),
            stop: m.stop.map(minute),
            elapsed: m
                .elapsed
                .map(|e| format!("{:.1}", hours(e)))
                .unwrap_or_default(),
            target: format_span(m.target),
        })
    }
}

/// A time of a measurement, to the minute.
fn minute(t: chrono::DateTime<chrono_tz::Tz>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// One measurement's row of the detail, and what it sorts by: the policy,
/// then the order, then the incident.
#[derive(Debug, Clone)]
pub struct Detail<'c> {
    pub policy: &'c str,
    pub order: String,
    pub incident: Option<usize>,
    pub row: Vec<Cell>,
}

fn detail_row(book: &Book<'_>, m: &Measurement<'_>) -> Vec<Cell> {
    let order = match m.incident {
        Some(i) => book.tr(
            "sla-incident",
            &[("order", (&m.order).into()), ("number", (i + 1).into())],
        ),
        None => m.order.clone(),
    };
    vec![
        book.policy(&m.policy.id).into(),
        order.into(),
        book.t(&format!("priority-{}", m.priority)).into(),
        m.start.map(minute).into(),
        m.stop.map(minute).into(),
        m.elapsed.map_or(Cell::Empty, |e| Cell::Float(hours(e))),
        format_span(m.target).into(),
        book.t(&format!("sla-{}", m.state.as_str())).into(),
        Some(m.flags.join("; ")).filter(|f| !f.is_empty()).into(),
    ]
}

pub fn report(book: &Book<'_>, measured: Measured<'_>, options: &Options) -> Report {
    let Measured {
        groups,
        detail: mut kept,
        kept: count,
        flagged,
        not_computable,
        key: _,
    } = measured;
    // The grouping column is named after what it holds (`priority`, `owner`, ...).
    let grouped = options.by != By::Policy;
    let mut columns = vec![col("policy")];
    if grouped {
        columns.push(col(options.by.as_str()));
    }
    columns.extend([
        col("target"),
        col("measured"),
        col("met"),
        col("breached"),
        col("compliance_pct"),
        col("median_hours"),
        col("p90_hours"),
        col("running"),
        col("running_past_target"),
        col("paused"),
        col("not_computable"),
    ]);
    let mut summary = Section::new("summary", "", &columns);
    for ((policy, group), mut tally) in groups {
        tally.hours.sort_by(f64::total_cmp);
        let (met, breached) = (tally.met, tally.breached);
        let compliance = Compliance {
            policy,
            group: &group,
            measured: tally.measured,
            met,
            breached,
        }
        .percent()
        .map_or(Cell::Empty, Cell::Float);
        let mut row: Vec<Cell> = vec![book.policy(policy).into()];
        if grouped {
            row.push(match options.by {
                By::Priority => book.t(&format!("priority-{group}")).into(),
                _ => group.into(),
            });
        }
        row.extend([
            // In the order of their text, as they were listed.
            tally
                .targets
                .iter()
                .map(|span| format_span(*span))
                .collect::<BTreeSet<_>>()
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
            tally.not_computable.into(),
        ]);
        summary.push(row);
    }
    let mut sections = vec![summary];
    if options.detail {
        let mut detail = Section::new(
            DETAIL_SECTION,
            book.t("section-detail"),
            &[
                col("policy"),
                col("order"),
                col("priority"),
                col("start"),
                col("stop"),
                col("elapsed_hours"),
                col("target"),
                col("status"),
                col("note"),
            ],
        );
        kept.sort_by(|a, b| {
            (a.policy, &a.order, a.incident).cmp(&(b.policy, &b.order, b.incident))
        });
        detail.rows = kept.into_iter().map(|d| d.row).collect();
        sections.push(detail);
    }
    let mut notes = vec![book.tr("note-sla", &[("count", count.into())])];
    if not_computable > 0 {
        notes.push(book.tr(
            "note-sla-not-computable",
            &[("count", not_computable.into())],
        ));
    }
    if flagged > 0 {
        notes.push(book.tr("note-sla-bare-dates", &[("count", flagged.into())]));
    }
    Report {
        name: "sla",
        title: book.t("report-sla"),
        as_of: book.as_of(),
        sections,
        notes,
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
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
    fn compliance_counts_only_what_stopped() {
        let c = |met, breached| Compliance {
            policy: "p",
            group: "2026-11",
            measured: met + breached + 3,
            met,
            breached,
        };
        assert_eq!(c(3, 1).percent(), Some(75.0));
        // Only running measurements: no share to give, not 0 % nor 100 %.
        assert_eq!(c(0, 0).percent(), None);
        assert_eq!(c(0, 2).percent(), Some(0.0));
    }

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
