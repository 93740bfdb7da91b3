//! A row of `overdue` or `upcoming` as a typed value: which order, what is due
//! (a step, the progress update a running step asks for, an installment, or a
//! step's reminder), when, on what basis, and how late. The reports' tables,
//! the site and the calendar read these fields; the words they print (titles,
//! bases, priorities) are made from them at the edge, in its language.

use chrono::DateTime;
use chrono_tz::Tz;

use super::Book;
use super::agenda::{Agenda, What};
use super::calendar::concerned;
use crate::engine::due::Basis;
use crate::engine::point::Point;
use crate::model::config::Step;

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A step falls due.
    Step,
    /// A step's reminder (`remind`) falls before its due date.
    Reminder,
    /// The progress update a running step asks for.
    Update,
    /// An installment no open step tracks.
    Installment,
}

impl Kind {
    /// The word the catalog and the data use (`kind-due`, `"due"`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Step => "due",
            Kind::Reminder => "reminder",
            Kind::Update => "update",
            Kind::Installment => "payment",
        }
    }
}

/// One row, borrowing the order's agenda it comes from.
#[derive(Debug, Clone, Copy)]
pub struct DueRow<'a> {
    pub agenda: &'a Agenda,
    pub what: &'a What,
    pub kind: Kind,
    /// The configured step of a step, reminder or update row.
    pub step: Option<&'a Step>,
    /// When it falls: the due date, or the reminder's day.
    pub when: Point,
    pub due: Point,
    pub basis: &'a Basis,
    /// Whole days past the due date (0 when not late).
    pub days_late: i64,
    /// When it became overdue (or becomes).
    pub late_from: DateTime<Tz>,
}

impl<'a> DueRow<'a> {
    pub fn order(&self) -> &'a str {
        &self.agenda.order
    }

    /// The step's id, `update:ID` or `payment:NAME`: the data's `step` column,
    /// one value per thing to do on an order.
    pub fn key(&self) -> String {
        match self.what {
            What::Step(id) => id.clone(),
            What::Update { step, .. } => format!("update:{step}"),
            What::Payment { name, .. } => format!("payment:{name}"),
        }
    }

    /// The step's id, for a row about a step.
    pub fn step_id(&self) -> Option<&'a str> {
        self.step.map(|s| s.id.as_str())
    }

    /// What to do, in the book's language: the step's title, the update it
    /// asks for, or the installment and what is owed.
    pub fn title(&self, book: &Book<'_>) -> String {
        match (self.what, self.step) {
            (What::Update { last, .. }, Some(step)) => book.update_title(step, *last),
            (_, Some(step)) => book.title(step).to_owned(),
            (
                What::Payment {
                    name,
                    percent,
                    outstanding,
                    decimals,
                },
                None,
            ) => book.tr(
                "payment-outstanding",
                &[
                    ("name", name.into()),
                    ("percent", percent.as_str().into()),
                    (
                        "amount",
                        crate::model::money::format(*outstanding, *decimals)
                            .as_str()
                            .into(),
                    ),
                ],
            ),
            _ => String::new(),
        }
    }

    /// The role that acts on it; none for an installment.
    pub fn role(&self) -> Option<&'a str> {
        self.step.map(|s| s.role.as_str())
    }

    /// Who is expected to act: the owner when they hold the step's role, else
    /// everyone who does; the owner for an installment.
    pub fn assignees(&self, book: &Book<'_>) -> Vec<String> {
        match self.step {
            Some(step) => book.assignees(&self.agenda.owner, step),
            None => vec![self.agenda.owner.clone()],
        }
    }

    /// Everyone it concerns, as its calendar event invites them: the role's
    /// holders, `notify`, and the owner.
    pub fn concerned(&self, book: &Book<'_>) -> Vec<String> {
        match self.step {
            Some(step) => concerned(book, &self.agenda.owner, &step.role, &step.notify),
            None => concerned(book, &self.agenda.owner, "", &[]),
        }
    }

    /// The row of an agenda item, with the step it names looked up.
    pub(super) fn of(
        book: &Book<'a>,
        agenda: &'a Agenda,
        item: &'a super::agenda::Item,
        kind: Kind,
        when: Point,
    ) -> Option<DueRow<'a>> {
        let step = match &item.what {
            What::Step(id) | What::Update { step: id, .. } => Some(agenda.step(book.config, id)?),
            What::Payment { .. } => None,
        };
        Some(DueRow {
            agenda,
            what: &item.what,
            kind,
            step,
            when,
            due: item.due,
            basis: &item.basis,
            days_late: item.due.days_until(book.now).max(0),
            late_from: item.due.overdue_from(book.tz),
        })
    }
}
