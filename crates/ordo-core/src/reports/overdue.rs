//! `ordo overdue`: open, applicable steps (and unpaid installments no open step
//! tracks, and progress updates a running step asks for) whose firm due date
//! has passed; with `forecast`, also steps whose
//! forecast date has passed, as knock-ons of the late step they wait for.

use std::cmp::Reverse;

use super::agenda::{Agenda, What};
use super::due_row::{DueRow, Kind};
use super::{Book, Names};
use crate::engine::due::Basis;
use crate::model::enums::Priority;
use crate::reports::report::{Cell, Report, Section, col};

/// Which rows to keep.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub forecast: bool,
    pub owner: Vec<String>,
    pub role: Vec<String>,
    pub customer: Vec<String>,
    pub priority: Vec<Priority>,
}

/// The overdue rows, most days late first (then the earliest late, order and
/// what is due).
pub fn rows<'a>(book: &Book<'a>, agendas: &'a [Agenda], filters: &Filters) -> Vec<DueRow<'a>> {
    let mut rows = Vec::new();
    for agenda in agendas {
        let keep_order = (filters.owner.is_empty() || filters.owner.contains(&agenda.owner))
            && (filters.customer.is_empty() || filters.customer.contains(&agenda.customer))
            && (filters.priority.is_empty() || filters.priority.contains(&agenda.priority));
        if !keep_order {
            continue;
        }
        for item in &agenda.items {
            match &item.basis {
                Basis::Firm => {}
                b if b.is_forecast() && filters.forecast => {}
                _ => continue,
            }
            if book.now < item.due.overdue_from(book.tz) {
                continue;
            }
            let kind = match &item.what {
                What::Step(_) => Kind::Step,
                What::Update { .. } => Kind::Update,
                // An installment falls due when every anchor has happened;
                // it has no role, so a role filter leaves it out.
                What::Payment { .. } if filters.role.is_empty() && item.basis == Basis::Firm => {
                    Kind::Installment
                }
                What::Payment { .. } => continue,
            };
            let Some(row) = DueRow::of(book, agenda, item, kind, item.due) else {
                continue;
            };
            if let Some(role) = row.role()
                && !filters.role.is_empty()
                && !filters.role.iter().any(|r| r == role)
            {
                continue;
            }
            rows.push(row);
        }
    }
    // Compared by reference: cloning the ids per comparison shows at 20,000 rows.
    rows.sort_by_cached_key(|r| (Reverse(r.days_late), r.late_from, r.order(), r.key()));
    rows
}

/// The overdue report of `rows`, in the book's language.
/// The report around the rows; `names` gives each customer's name by code
/// (a row names the customer, not only its code).
pub fn report(book: &Book<'_>, rows: &[DueRow<'_>], names: &Names) -> Report {
    let mut section = Section::new(
        "rows",
        "",
        &[
            col("order"),
            col("customer"),
            col("customer_name"),
            col("step"),
            col("title"),
            col("role"),
            col("assignee"),
            col("due"),
            col("basis"),
            col("days_late"),
            col("priority"),
        ],
    );
    for r in rows {
        section.push(vec![
            r.agenda.order.clone().into(),
            r.agenda.customer.clone().into(),
            Cell::from(names.get(&r.agenda.customer).cloned()),
            r.key().into(),
            r.title(book).into(),
            // The role's id in English (what JSON and CSV carry, and a word
            // already); its title in another language.
            Cell::from(r.role().map(|role| match book.lang {
                crate::i18n::Lang::En => role.to_owned(),
                lang => book.config.role_title(role, lang),
            })),
            r.assignee_text(book).into(),
            r.due.to_string().into(),
            book.basis(Some(&r.agenda.workflow), r.basis).into(),
            r.days_late.into(),
            book.t(&format!("priority-{}", r.agenda.priority)).into(),
        ]);
    }
    let orders: std::collections::BTreeSet<&str> = rows.iter().map(|r| r.order()).collect();
    Report {
        name: "overdue",
        title: book.t("report-overdue"),
        as_of: book.as_of(),
        notes: vec![book.tr(
            "note-overdue",
            &[("rows", rows.len().into()), ("orders", orders.len().into())],
        )],
        sections: vec![section],
        invalid: Vec::new(),
        commit: None,
        lang: book.lang,
    }
}

#[cfg(test)]
#[path = "overdue_tests.rs"]
mod tests;
