//! The recurring reminder of a step's progress updates (`updates: 1w`): one
//! event per open step that asks for them, starting at the next update due.
//! Days, weeks and months repeat by a rule (RRULE); working days cannot be
//! written as a rule that skips holidays, so their dates are listed (RDATE)
//! for the next eight weeks. A published feed is rebuilt daily, so the list
//! moves on with it, and the event moves when an update is recorded.

use chrono::{Duration as Span, Utc};
use icalendar::{Component, Event, Property};

use super::Book;
use super::calendar::{Invited, attendees, base_event, invite};
use crate::engine::arith::apply;
use crate::engine::point::Point;
use crate::engine::schedule::StepLine;
use crate::engine::updates::{UpdateDue, latest};
use crate::model::duration::Unit;
use crate::model::order::Order;

/// How far ahead the dates of a working-day reminder are listed.
const LISTED_DAYS: i64 = 56;

/// The reminder event of the updates `line` asks for, and whom it invites.
pub(super) fn update_event(
    book: &Book<'_>,
    order: &Order,
    line: &StepLine<'_>,
    update: &UpdateDue,
    domain: &str,
    stamp: chrono::DateTime<Utc>,
) -> (Event, Vec<Invited>) {
    let step = line.step;
    let lang = book.lang;
    let title = step.title.get(lang);
    let every = step
        .updates
        .as_ref()
        .map(|d| crate::i18n::duration(lang, d))
        .unwrap_or_default();
    let mut description = book.tr(
        "cal-update-todo",
        &[
            ("order", order.id.as_str().into()),
            ("customer", order.customer.as_str().into()),
            ("step", step.id.as_str().into()),
            ("title", title.into()),
            ("every", every.as_str().into()),
        ],
    );
    if let Some(last) = latest(order, &step.id, book.tz) {
        description.push_str(
            &book.tr(
                "cal-update-last",
                &[
                    (
                        "at",
                        Point::from_moment(&last.at.0, book.tz)
                            .to_string()
                            .as_str()
                            .into(),
                    ),
                    ("by", last.by.as_str().into()),
                    ("status", last.status.as_str().into()),
                ],
            ),
        );
    }
    let mut event = base_event(
        book,
        order,
        &format!("{}.{}.updates@{domain}", order.id, step.id),
        &book.tr(
            "cal-update-summary",
            &[("order", order.id.as_str().into()), ("title", title.into())],
        ),
        update.due,
        stamp,
        &description,
    );
    if let Some(property) = recurrence(book, line, update.due) {
        event.append_property(property);
    }
    let people = attendees(book, order, &step.role, &[]);
    invite(&mut event, &people);
    (event.done(), people)
}

/// The recurrence of the reminder: a rule for days, weeks and months, the
/// listed dates for working days.
fn recurrence(book: &Book<'_>, line: &StepLine<'_>, first: Point) -> Option<Property> {
    let cadence = line.step.updates.as_ref()?;
    let term = cadence.terms.first()?;
    let freq = match term.unit {
        Unit::Days => "DAILY",
        Unit::Weeks => "WEEKLY",
        Unit::Months => "MONTHLY",
        Unit::WorkingDays => return listed_dates(book, line, first),
        Unit::Minutes | Unit::Hours | Unit::WorkingHours => return None,
    };
    Some(Property::new(
        "RRULE",
        format!("FREQ={freq};INTERVAL={}", term.count),
    ))
}

/// The working-day dates after `first` for the next [`LISTED_DAYS`], as far as
/// the step's calendar reaches.
fn listed_dates(book: &Book<'_>, line: &StepLine<'_>, first: Point) -> Option<Property> {
    let cadence = line.step.updates.as_ref()?;
    let calendar = book
        .calendars
        .get(line.step.due.as_ref().and_then(|d| d.calendar.as_deref()))
        .ok()?;
    let end = first.date() + Span::days(LISTED_DAYS);
    let mut dates = Vec::new();
    let mut at = first;
    while let Ok(next) = apply(at, cadence, true, calendar) {
        if next.date() > end || next == at {
            break;
        }
        dates.push(next);
        at = next;
    }
    let text = |p: &Point| match p {
        Point::Day(day) => day.format("%Y%m%d").to_string(),
        Point::At(at) => at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string(),
    };
    let list: Vec<String> = dates.iter().map(text).collect();
    if list.is_empty() {
        return None;
    }
    let mut property = Property::new("RDATE", list.join(","));
    if matches!(first, Point::Day(_)) {
        property.add_parameter("VALUE", "DATE");
    }
    Some(property)
}
