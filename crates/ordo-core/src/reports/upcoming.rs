//! `ordo upcoming [--within 7d]`: the to-do list: steps and unpaid installments
//! falling due in the window, progress updates due in it, and reminders (`remind`) that fall in it.

use super::Book;
use super::agenda::{Agenda, What};
use super::due_row::{DueRow, Kind};
use crate::engine::arith::apply;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::model::Duration;
use crate::reports::report::{Report, Section, col};

/// The rows of the window, and what could not be counted.
pub struct Upcoming<'a> {
    /// In the order they fall, then by order and what is due.
    pub rows: Vec<DueRow<'a>>,
    /// The end of the window.
    pub end: chrono::DateTime<chrono_tz::Tz>,
    /// `ORDER STEP` of the reminders that could not be computed (outside a
    /// calendar's years).
    pub uncounted: Vec<String>,
}

/// What falls due, and the reminders that fall, within `within` of now.
pub fn rows<'a>(
    book: &Book<'a>,
    agendas: &'a [Agenda],
    within: &Duration,
) -> Result<Upcoming<'a>, crate::engine::due::DueError> {
    let calendar = book.calendars.get(None)?;
    let end = apply(Point::At(book.now), within, true, calendar)?.overdue_from(book.tz);
    let in_window = |p: Point| {
        let at = p.start(book.tz);
        p.overdue_from(book.tz) > book.now && at <= end
    };
    let mut rows = Vec::new();
    let mut uncounted: Vec<String> = Vec::new();
    for agenda in agendas {
        for item in &agenda.items {
            if matches!(item.basis, Basis::Waiting { .. }) {
                continue;
            }
            let point = item.due;
            let kind = match &item.what {
                What::Step(_) => Kind::Step,
                What::Update { .. } => Kind::Update,
                What::Payment { .. } => Kind::Installment,
            };
            let Some(row) = DueRow::of(book, agenda, item, kind, point) else {
                continue;
            };
            if in_window(point) {
                rows.push(row);
            }
            if let (Kind::Step, Some(step)) = (kind, row.step)
                && let Some(remind) = &step.remind
            {
                let cal = book
                    .calendars
                    .get(step.due.as_ref().and_then(|d| d.calendar.as_deref()))
                    .ok();
                match cal.map(|c| apply(point, remind, false, c)) {
                    Some(Err(_)) => uncounted.push(format!("{} {}", agenda.order, step.id)),
                    Some(Ok(at)) if in_window(at) => rows.push(DueRow {
                        kind: Kind::Reminder,
                        when: at,
                        ..row
                    }),
                    _ => {}
                }
            }
        }
    }
    uncounted.sort();
    rows.sort_by_cached_key(|r| (r.when.start(book.tz), r.order(), r.key(), r.kind.key()));
    Ok(Upcoming {
        rows,
        end,
        uncounted,
    })
}

/// The upcoming report, in the book's language.
/// The report around the rows; `names` gives each customer's name by code.
pub fn report(
    book: &Book<'_>,
    upcoming: &Upcoming<'_>,
    within: &Duration,
    names: &super::Names,
) -> Report {
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("when"),
            col("kind"),
            col("order"),
            col("customer"),
            col("customer_name"),
            col("step"),
            col("title"),
            col("assignee"),
            col("due"),
            col("basis"),
        ],
    );
    for r in &upcoming.rows {
        section.push(vec![
            r.when.to_string().into(),
            book.t(&format!("kind-{}", r.kind.key())).into(),
            r.agenda.order.clone().into(),
            r.agenda.customer.clone().into(),
            super::report::Cell::from(names.get(&r.agenda.customer).cloned()),
            r.key().into(),
            short_title(book, r).into(),
            r.assignees(book).join(", ").into(),
            r.due.to_string().into(),
            book.basis(Some(&r.agenda.workflow), r.basis).into(),
        ]);
    }
    Report {
        name: "upcoming",
        title: book.tr(
            "report-upcoming",
            &[("within", within.to_string().as_str().into())],
        ),
        as_of: book.as_of(),
        notes: [book.tr(
            "note-upcoming",
            &[
                ("rows", upcoming.rows.len().into()),
                (
                    "until",
                    upcoming
                        .end
                        .format("%Y-%m-%d %H:%M")
                        .to_string()
                        .as_str()
                        .into(),
                ),
            ],
        )]
        .into_iter()
        .chain((!upcoming.uncounted.is_empty()).then(|| {
            book.tr(
                "note-upcoming-uncounted",
                &[
                    ("count", upcoming.uncounted.len().into()),
                    ("list", upcoming.uncounted.join(", ").as_str().into()),
                ],
            )
        }))
        .collect(),
        sections: vec![section],
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}

/// The title the to-do list gives a row: an installment's without its share.
pub fn short_title(book: &Book<'_>, row: &DueRow<'_>) -> String {
    match row.what {
        What::Payment {
            name,
            outstanding,
            decimals,
            ..
        } => book.tr(
            "payment-outstanding-short",
            &[
                ("name", book.installment(name).as_str().into()),
                (
                    "amount",
                    crate::model::money::format(*outstanding, *decimals)
                        .as_str()
                        .into(),
                ),
            ],
        ),
        _ => row.title(book),
    }
}

#[cfg(test)]
#[path = "upcoming_tests.rs"]
mod tests;
