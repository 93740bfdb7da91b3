//! What the pages show, shaped for the templates: report sections as tables,
//! overdue and upcoming rows grouped by person and customer, trend charts.

use std::collections::{BTreeMap, BTreeSet};

use ordo_core::i18n::{Lang, heading, t};
use ordo_core::reports::Book;
use ordo_core::reports::due_row::DueRow;
use ordo_core::reports::monthly::{Figures, Month};
use ordo_core::reports::report::{Cell, Section};
use ordo_core::reports::sla::Measured;

use super::charts::{self, Chart};

/// A report section as the `report_table` macro draws it.
#[derive(Debug)]
pub(crate) struct TableView {
    pub headings: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl TableView {
    /// Whether the `i`th column holds numbers (it sorts as numbers).
    pub(crate) fn is_numeric(&self, i: impl std::borrow::Borrow<usize>) -> bool {
        self.numeric.get(*i.borrow()).copied().unwrap_or(false)
    }
}

pub(crate) fn table(lang: Lang, section: &Section) -> TableView {
    TableView {
        headings: section
            .columns
            .iter()
            .map(|c| heading(lang, c.heading))
            .collect(),
        numeric: (0..section.columns.len())
            .map(|i| {
                section
                    .rows
                    .iter()
                    .any(|r| matches!(r.get(i), Some(Cell::Int(_) | Cell::Float(_))))
            })
            .collect(),
        rows: section
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::text).collect())
            .collect(),
    }
}

/// An overdue or upcoming row as the pages print it, in their language: made
/// from the typed row's fields (`days_late` is 0 for an upcoming one).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DueView {
    pub order: String,
    pub customer: String,
    pub step: String,
    pub title: String,
    /// Who must act, one person each.
    pub assignees: Vec<String>,
    pub assignee: String,
    pub due: String,
    pub basis: String,
    pub days_late: i64,
    /// When it falls (a reminder's day comes before the due date), and what it
    /// is (due, reminder, update, payment): what tells two rows of one step
    /// apart in a list of what is coming.
    pub when: String,
    pub kind: String,
}

impl DueView {
    pub(crate) fn of(book: &Book<'_>, row: &DueRow<'_>, title: String) -> DueView {
        let assignees = row.assignees(book);
        DueView {
            order: row.agenda.order.clone(),
            customer: row.agenda.customer.clone(),
            step: row.key(),
            title,
            assignee: assignees.join(", "),
            assignees,
            due: row.due.to_string(),
            basis: book.basis(Some(&row.agenda.workflow), row.basis),
            days_late: row.days_late,
            when: row.when.to_string(),
            kind: t(book.lang, &format!("kind-{}", row.kind.key())),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Group {
    pub key: String,
    pub name: String,
    pub rows: Vec<DueView>,
    /// How many rows there are, shown or not.
    pub count: usize,
    pub worst: i64,
    /// What the rows left out are, and where they are ("" when none are).
    pub more: String,
}

/// The first `limit` of `rows` and a note naming the rest and where they are.
pub(crate) fn cap<T>(lang: Lang, mut rows: Vec<T>, limit: usize, file: &str) -> (Vec<T>, String) {
    let left = rows.len().saturating_sub(limit);
    rows.truncate(limit);
    let more = if left > 0 {
        ordo_core::i18n::tr(
            lang,
            "site-more",
            &[("count", left.into()), ("file", file.into())],
        )
    } else {
        String::new()
    };
    (rows, more)
}

/// Overdue rows by who must act (the assignee column), most days late first,
/// the first `limit` of each.
pub(crate) fn by_assignee(book: &Book<'_>, rows: &[DueView], limit: usize) -> Vec<Group> {
    let mut groups: BTreeMap<String, Vec<DueView>> = BTreeMap::new();
    for row in rows {
        for who in &row.assignees {
            groups.entry(who.clone()).or_default().push(row.clone());
        }
    }
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(key, rows)| {
            let worst = rows.iter().map(|r| r.days_late).max().unwrap_or(0);
            let file = format!(
                "people/{}.html",
                ordo_core::reports::ics_text::file_slug(&key)
            );
            let count = rows.len();
            let (rows, more) = cap(book.lang, rows, limit, &file);
            Group {
                name: book
                    .config
                    .people
                    .get(&key)
                    .map_or_else(|| key.clone(), |p| p.name.clone()),
                worst,
                key,
                rows,
                count,
                more,
            }
        })
        .collect();
    out.sort_by(|a, b| b.worst.cmp(&a.worst).then_with(|| a.key.cmp(&b.key)));
    out
}

#[derive(Debug)]
pub(crate) struct CustomerGroup {
    pub key: String,
    pub count: usize,
    pub worst: i64,
    pub orders: BTreeSet<String>,
}

pub(crate) fn by_customer(rows: &[DueView]) -> Vec<CustomerGroup> {
    let mut groups: BTreeMap<&str, CustomerGroup> = BTreeMap::new();
    for row in rows {
        let group = groups
            .entry(row.customer.as_str())
            .or_insert_with(|| CustomerGroup {
                key: row.customer.clone(),
                count: 0,
                worst: 0,
                orders: BTreeSet::new(),
            });
        group.count += 1;
        group.worst = group.worst.max(row.days_late);
        group.orders.insert(row.order.clone());
    }
    let mut out: Vec<CustomerGroup> = groups.into_values().collect();
    out.sort_by(|a, b| b.worst.cmp(&a.worst).then_with(|| a.key.cmp(&b.key)));
    out
}

/// The monthly page's charts and its table of the twelve months.
pub(crate) fn trend(lang: Lang, months: &[Month], figures: &[Figures]) -> (Vec<Chart>, TableView) {
    let labels: Vec<String> = months.iter().map(Month::label).collect();
    let pick = |f: &dyn Fn(&Figures) -> Option<f64>| figures.iter().map(f).collect::<Vec<_>>();
    let received = pick(&|f| Some(f.received as f64));
    let completed = pick(&|f| Some(f.completed as f64));
    let completion = pick(&|f| f.completion_pct);
    let cycle = pick(&|f| f.average_cycle_days);
    let on_time = pick(&|f| f.on_time_pct);
    let incidents = pick(&|f| f.incident_pct);
    let charts = vec![
        charts::bars(
            "received",
            &t(lang, "site-chart-received"),
            &labels,
            &received,
        ),
        charts::bars(
            "completed",
            &t(lang, "site-chart-completed"),
            &labels,
            &completed,
        ),
        charts::line(
            "completion",
            &t(lang, "site-chart-completion"),
            &labels,
            &completion,
            Some(100.0),
        ),
        charts::line("cycle", &t(lang, "site-chart-cycle"), &labels, &cycle, None),
        charts::line(
            "on-time",
            &t(lang, "site-chart-on-time"),
            &labels,
            &on_time,
            Some(100.0),
        ),
        charts::line(
            "incidents",
            &t(lang, "site-chart-incidents"),
            &labels,
            &incidents,
            None,
        ),
    ];
    let one = |v: Option<f64>| v.map(|v| format!("{v:.1}")).unwrap_or_default();
    let table = TableView {
        headings: vec![
            heading(lang, "month"),
            t(lang, "metric-received"),
            t(lang, "metric-completed"),
            t(lang, "metric-completion"),
            t(lang, "metric-cycle"),
            t(lang, "metric-on-time"),
            t(lang, "metric-incidents"),
        ],
        numeric: vec![false, true, true, true, true, true, true],
        rows: labels
            .iter()
            .zip(figures)
            .map(|(label, f)| {
                vec![
                    label.clone(),
                    f.received.to_string(),
                    f.completed.to_string(),
                    one(f.completion_pct),
                    one(f.average_cycle_days),
                    one(f.on_time_pct),
                    one(f.incident_pct),
                ]
            })
            .collect(),
    };
    (charts, table)
}

/// One compliance line per policy over the months, from the measurements
/// grouped by month.
pub(crate) fn sla_charts(book: &Book<'_>, months: &[Month], by_month: &Measured<'_>) -> Vec<Chart> {
    let labels: Vec<String> = months.iter().map(Month::label).collect();
    // Per policy and month: the share met, and how many met of how many stopped.
    let mut series: BTreeMap<String, BTreeMap<&str, (f64, usize, usize)>> = BTreeMap::new();
    for c in by_month.compliance() {
        if let Some(percent) = c.percent() {
            series
                .entry(book.policy(c.policy))
                .or_default()
                .insert(c.group, (percent, c.met, c.met + c.breached));
        }
    }
    series
        .into_iter()
        .map(|(name, months)| {
            let values: Vec<Option<f64>> = labels
                .iter()
                .map(|l| months.get(l.as_str()).map(|m| m.0))
                .collect();
            let title = ordo_core::i18n::tr(
                book.lang,
                "site-chart-sla",
                &[("policy", name.as_str().into())],
            );
            let mut chart = charts::line(
                &format!("sla-{}", ordo_core::reports::ics_text::file_slug(&name)),
                &title,
                &labels,
                &values,
                Some(100.0),
            );
            // A rate of 1 of 1 and one of 90 of 100 look alike: each point
            // says what it stands on, the caption the whole.
            for point in &mut chart.points {
                if let Some((_, met, stopped)) = months.get(point.label.as_str()) {
                    point.text = format!("{} % ({met}/{stopped})", point.text);
                }
            }
            let stopped: usize = months.values().map(|m| m.2).sum();
            chart.note = format!("n = {stopped}");
            chart
        })
        .collect()
}

/// A policy's compliance at one priority, month by month.
#[derive(Debug)]
pub(crate) struct PriorityRow {
    pub policy: String,
    pub priority: String,
    /// One cell per month, blank where nothing stopped.
    pub months: Vec<String>,
}

/// Compliance by policy and priority (rows) and month (columns), from the
/// measurements of each priority grouped by month (`priorities`: the
/// priority's label and its measurements); a month without a stopped
/// measurement is left blank.
pub(crate) fn sla_by_priority(
    book: &Book<'_>,
    months: &[Month],
    priorities: &[(String, &Measured<'_>)],
) -> Vec<PriorityRow> {
    let labels: Vec<String> = months.iter().map(Month::label).collect();
    let mut rows = Vec::new();
    for (priority, measured) in priorities {
        let mut by_policy: BTreeMap<String, BTreeMap<&str, String>> = BTreeMap::new();
        for c in measured.compliance() {
            by_policy
                .entry(book.policy(c.policy))
                .or_default()
                .insert(c.group, c.percent().map_or(Cell::Empty, Cell::Float).text());
        }
        for (policy, values) in by_policy {
            rows.push(PriorityRow {
                policy,
                priority: priority.clone(),
                months: labels
                    .iter()
                    .map(|l| values.get(l.as_str()).cloned().unwrap_or_default())
                    .collect(),
            });
        }
    }
    rows
}
