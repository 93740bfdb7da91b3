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
use super::escalation;
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
                    ("name", book.installment(name).as_str().into()),
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
    /// everyone who does; the owner for an installment; and once the step is
    /// late enough to escalate, those it escalates to.
    pub fn assignees(&self, book: &Book<'_>) -> Vec<String> {
        match self.step {
            Some(step) => {
                let mut people = book.assignees(&self.agenda.owner, step);
                for person in self.escalated_to(book) {
                    if !people.contains(&person) {
                        people.push(person);
                    }
                }
                people
            }
            None => vec![self.agenda.owner.clone()],
        }
    }

    /// The assignee column: those expected to act, and those it escalated to
    /// named as such.
    pub fn assignee_text(&self, book: &Book<'_>) -> String {
        let escalated = self.escalated_to(book);
        let own: Vec<String> = match self.step {
            Some(step) => book.assignees(&self.agenda.owner, step),
            None => vec![self.agenda.owner.clone()],
        };
        let more: Vec<&String> = escalated.iter().filter(|p| !own.contains(p)).collect();
        if more.is_empty() {
            return own.join(", ");
        }
        let more: Vec<&str> = more.iter().map(|p| p.as_str()).collect();
        book.tr(
            "assignee-escalated",
            &[
                ("assignees", own.join(", ").as_str().into()),
                ("people", more.join(", ").as_str().into()),
            ],
        )
    }

    /// The people the row's step escalates to as of the book's "now" (none
    /// for a reminder, which comes before the due date).
    pub fn escalated_to(&self, book: &Book<'_>) -> Vec<String> {
        match (self.step, self.kind) {
            (Some(step), Kind::Step | Kind::Update) => {
                book.people_of(escalation::targets(book, step, self.due))
            }
            _ => Vec::new(),
        }
    }

    /// Everyone it concerns, as its calendar event invites them: the role's
    /// holders, `notify`, those it escalated to, and the owner.
    pub fn concerned(&self, book: &Book<'_>) -> Vec<String> {
        match self.step {
            Some(step) => {
                let mut people = concerned(book, &self.agenda.owner, &step.role, &step.notify);
                people.extend(self.escalated_to(book));
                people.sort();
                people.dedup();
                people
            }
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
