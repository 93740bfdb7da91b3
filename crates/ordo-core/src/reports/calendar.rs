//! `ordo calendar`: every open step and unpaid installment with a due date as an
//! RFC 5545 event, and a recurring reminder for the progress updates a running
//! step asks for. UIDs are stable (`<order>.<step>@<ledger>`) so a calendar that
//! re-imports the file updates its events; times are in UTC or whole days, so no
//! VTIMEZONE is needed.

use std::collections::BTreeMap;

use chrono::{Duration as Span, Utc};
use icalendar::{
    Alarm, Attendee, Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, Role,
};

use super::calendar_updates::update_event;
use super::ics_text::{param_value, refold, uid_host};
use super::{Book, tracked_by_step};
use crate::engine::arith::apply;
use crate::engine::due::{Basis, Computed};
use crate::engine::point::Point;
use crate::engine::schedule::Schedule;
use crate::engine::updates::next_update;
use crate::i18n::{Lang, t, tr};
use crate::model::order::{Order, StepRecord};
use crate::model::status::is_open;

/// One event as iCalendar text, and the keys of the people it invites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub people: Vec<String>,
}

/// A calendar named `name` around `events` (see [`events`]).
pub fn ics<'e>(name: &str, events: impl Iterator<Item = &'e Entry> + Clone) -> String {
    let (head, tail) = frame(name);
    // Sized once: no reallocation holds an old and a new copy of a large calendar.
    let mut text = String::with_capacity(
        head.len() + tail.len() + events.clone().map(|e| e.text.len()).sum::<usize>(),
    );
    text.push_str(&head);
    for event in events {
        text.push_str(&event.text);
    }
    text.push_str(&tail);
    text
}

/// What goes before and after the events of a calendar named `name`, for a
/// writer that streams the events in between.
pub fn frame(name: &str) -> (String, String) {
    let mut calendar = Calendar::new();
    calendar.name(name);
    let frame = refold(&calendar.done().to_string());
    let end = frame.rfind("END:VCALENDAR").unwrap_or(frame.len());
    (frame[..end].to_owned(), frame[end..].to_owned())
}

/// The name of the ledger's whole calendar.
pub fn ledger_calendar_name(book: &Book<'_>) -> String {
    format!("{} orders", book.config.name)
}

/// An order's open steps and unpaid installments with a due date, as VEVENT
/// text. Made order by order, so a ledger's calendar is never held as
/// hundreds of thousands of event objects.
pub fn events(book: &Book<'_>, order: &Order) -> Vec<Entry> {
    // Only open orders have events: the status is cheap, an explained schedule is not.
    if !is_open(book.config, order) {
        return Vec::new();
    }
    match book.explained(order) {
        Some(schedule) => events_of(book, order, &schedule),
        None => Vec::new(),
    }
}

/// The events of an open order from its explained schedule (the chains behind
/// the dates go into the descriptions).
pub fn events_of(book: &Book<'_>, order: &Order, schedule: &Schedule<'_>) -> Vec<Entry> {
    events_where(book, order, schedule, None)
}

/// The event of the credit approval an open order awaits (its customer over
/// the limit, which only the whole ledger tells): an optional step, which is
/// on an order's schedule only once recorded, so it is put there for this.
pub fn approval_events(book: &Book<'_>, order: &Order) -> Vec<Entry> {
    let Some(credit) = &book.config.credit else {
        return Vec::new();
    };
    if order.steps.contains_key(&credit.approval_step) || !is_open(book.config, order) {
        return Vec::new();
    }
    let mut awaiting = order.clone();
    awaiting
        .steps
        .insert(credit.approval_step.clone(), StepRecord::default());
    match book.explained(&awaiting) {
        Some(schedule) => events_where(book, &awaiting, &schedule, Some(&credit.approval_step)),
        None => Vec::new(),
    }
}

/// The events of `schedule`, or only those of step `only`.
fn events_where(
    book: &Book<'_>,
    order: &Order,
    schedule: &Schedule<'_>,
    only: Option<&str>,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    let domain = uid_host(&book.config.name);
    let stamp = book.now.with_timezone(&Utc);
    let mut add = |event: &Event, people: Vec<String>| {
        let mut text = String::new();
        let _ = event.fmt_write(&mut text);
        entries.push(Entry {
            text: refold(&text),
            people,
        });
    };
    let wanted = |id: &str| only.is_none_or(|o| o == id);
    for line in schedule
        .steps
        .iter()
        .filter(|l| l.state.is_open() && wanted(&l.step.id))
    {
        let Ok(due) = &line.due else { continue };
        let Some(point) = dated(due) else { continue };
        // Past due at the feed's "now" (a feed made daily moves the mark on).
        let late = point.days_late(book.now, book.tz);
        let mut event = base_event(
            book,
            order,
            &format!("{}.{}@{domain}", order.id, line.step.id),
            // The step's id is an English word where the reader has its title
            // in another language: English summaries keep it, others do not.
            &if book.lang == Lang::En {
                format!(
                    "{}{} {}: {}",
                    late_mark(book.lang, late),
                    order.id,
                    line.step.id,
                    line.step.title.get(book.lang)
                )
            } else {
                format!(
                    "{}{} {}",
                    late_mark(book.lang, late),
                    order.id,
                    line.step.title.get(book.lang)
                )
            },
            point,
            stamp,
            &description(
                book,
                order,
                due,
                line.step.title.get(book.lang),
                (&line.step.id, &line.step.role),
                late,
            ),
        );
        // Escalated: those it escalates to are invited as well.
        let notify: Vec<String> = line
            .step
            .notify
            .iter()
            .chain(super::escalation::targets(book, line.step, point))
            .cloned()
            .collect();
        let people = attendees(book, order, &line.step.role, &notify);
        invite(&mut event, &people);
        if let Some(remind) = &line.step.remind {
            let cal = book
                .calendars
                .get(line.step.due.as_ref().and_then(|d| d.calendar.as_deref()))
                .ok();
            if let Some(at) = cal.and_then(|c| apply(point, remind, false, c).ok()) {
                let trigger = CalendarDateTime::from(at.start(book.tz).with_timezone(&Utc));
                let mut alarm = Alarm::display(
                    &book.tr(
                        "cal-alarm",
                        &[
                            ("order", order.id.as_str().into()),
                            // The id in English, the title in another language.
                            (
                                "what",
                                if book.lang == Lang::En {
                                    line.step.id.as_str()
                                } else {
                                    line.step.title.get(book.lang)
                                }
                                .into(),
                            ),
                            ("due", point.to_string().as_str().into()),
                        ],
                    ),
                    trigger,
                );
                alarm.uid(&format!("{}.{}.alarm@{domain}", order.id, line.step.id));
                alarm.timestamp(stamp);
                event.alarm(alarm);
            }
        }
        add(&event.done(), keys(people));
        if let Some(update) = next_update(order, line, book.calendars) {
            let (event, people) = update_event(book, order, line, &update, &domain, stamp);
            add(&event, keys(people));
        }
    }
    for installment in schedule.installments.iter().filter(|_| only.is_none()) {
        if installment.outstanding.is_zero() || tracked_by_step(schedule, &installment.term.name) {
            continue;
        }
        let Ok(due) = &installment.due else { continue };
        let Some(point) = dated(due) else { continue };
        // Past due at the feed's "now" (a feed made daily moves the mark on).
        let late = point.days_late(book.now, book.tz);
        let outstanding = crate::model::money::format(
            installment.outstanding,
            book.config.decimals_of(order.currency.as_deref()),
        );
        let named = book.installment(&installment.term.name);
        let mut event = base_event(
            book,
            order,
            &format!("{}.payment-{}@{domain}", order.id, installment.term.name),
            &format!(
                "{}{} {}",
                late_mark(book.lang, late),
                order.id,
                tr(
                    book.lang,
                    "cal-payment",
                    &[
                        ("name", named.as_str().into()),
                        ("amount", outstanding.as_str().into())
                    ]
                )
            ),
            point,
            stamp,
            &description(
                book,
                order,
                due,
                &tr(
                    book.lang,
                    "cal-payment-todo",
                    &[
                        ("name", named.as_str().into()),
                        ("amount", outstanding.as_str().into()),
                    ],
                ),
                (&installment.term.name, ""),
                late,
            ),
        );
        let people = attendees(book, order, "", &[]);
        invite(&mut event, &people);
        add(&event.done(), keys(people));
    }
    entries
}

pub(super) fn base_event(
    book: &Book<'_>,
    order: &Order,
    uid: &str,
    summary: &str,
    point: Point,
    stamp: chrono::DateTime<Utc>,
    description: &str,
) -> Event {
    let mut event = Event::new();
    event
        .uid(uid)
        .summary(summary)
        .description(description)
        .timestamp(stamp);
    // Back to the order's page, where the site is published.
    if let Some(site) = &book.config.site_url {
        event.url(&format!(
            "{}/orders/{}.html",
            site.trim_end_matches('/'),
            order.id
        ));
    }
    match point {
        Point::Day(day) => {
            event.starts(DatePerhapsTime::Date(day));
            event.ends(DatePerhapsTime::Date(day + Span::days(1)));
        }
        Point::At(at) => {
            let utc = at.with_timezone(&Utc);
            event.starts(CalendarDateTime::from(utc));
            event.ends(CalendarDateTime::from(utc + Span::minutes(30)));
        }
    }
    event
}

/// A due date that can go on a calendar: computed and not waiting.
fn dated(due: &Computed) -> Option<Point> {
    due.point
        .filter(|_| !matches!(due.basis, Basis::Waiting { .. }))
}

/// A person invited to an event: their key in `people:`, name and email.
pub(super) struct Invited {
    key: String,
    name: String,
    email: String,
}

pub(super) fn invite(event: &mut Event, people: &[Invited]) {
    for person in people {
        event.attendee(
            Attendee::new(format!("mailto:{}", person.email))
                .cn(param_value(&person.name))
                .role(Role::ReqParticipant),
        );
    }
}

fn keys(people: Vec<Invited>) -> Vec<String> {
    people.into_iter().map(|p| p.key).collect()
}

/// How many links of a due date's chain an event's description shows.
const DESCRIBED_LINKS: usize = 12;

/// What an overdue event's title starts with, so that it stands out on the
/// past day it stays on.
fn late_mark(lang: Lang, late: Option<i64>) -> String {
    late.map(|days| tr(lang, "cal-late", &[("days", days.into())]))
        .unwrap_or_default()
}

/// What to do first, then the order, the due date and whether it is late, then
/// why the date is what it is: in English the nearest links of its chain (the
/// engine's words); in another language, the command that shows the chain,
/// rather than English in the middle of the reader's language. `what` is the
/// step (or installment) `ordo explain` takes and its role (none for an
/// installment).
fn description(
    book: &Book<'_>,
    order: &Order,
    due: &Computed,
    what: &str,
    (explained, role): (&str, &str),
    late: Option<i64>,
) -> String {
    let lang = book.lang;
    let mut text = tr(lang, "cal-todo", &[("what", what.into())]);
    if !role.is_empty() {
        let title = book.config.role_title(role, lang);
        text.push_str(&tr(lang, "cal-role", &[("role", title.as_str().into())]));
    }
    let day = due.point.map(|p| format!("{p} ")).unwrap_or_default();
    let basis = book.basis(order.workflow.as_deref(), &due.basis);
    let priority = t(lang, &format!("priority-{}", order.priority));
    text.push_str(&t(lang, "cal-stop"));
    text.push('\n');
    text.push_str(&tr(
        lang,
        "cal-order",
        &[
            ("order", order.id.as_str().into()),
            ("customer", order.customer.as_str().into()),
            ("priority", priority.as_str().into()),
            ("due", day.as_str().into()),
            ("basis", basis.as_str().into()),
        ],
    ));
    if let Some(days) = late {
        text.push_str(&tr(lang, "cal-late-suffix", &[("days", days.into())]));
    }
    text.push_str(&t(lang, "cal-stop"));
    text.push('\n');
    text.push_str(&t(lang, "cal-why"));
    if lang != Lang::En {
        text.push_str(&tr(
            lang,
            "cal-why-explain",
            &[
                ("order", order.id.as_str().into()),
                ("step", explained.into()),
            ],
        ));
        return text;
    }
    // The nearest links say why; a chain through thousands of steps is for
    // `ordo explain`, not for every event's description.
    let more = t(lang, "cal-more");
    let mut links: Vec<&str> = due
        .links
        .iter()
        .take(DESCRIBED_LINKS + 1)
        .map(|l| l.text.as_str())
        .collect();
    if links.len() > DESCRIBED_LINKS {
        links[DESCRIBED_LINKS] = &more;
    }
    text.push_str(&links.join("; "));
    text
}

/// Everyone a step (or, with no role, an installment) concerns: the holders of
/// its role, `notify` (roles or people) and the order's owner; the keys of
/// `people:`, as they are invited to its calendar event.
pub fn concerned(book: &Book<'_>, owner: &str, role: &str, notify: &[String]) -> Vec<String> {
    let mut keys = book.people_of(notify);
    if !role.is_empty() {
        keys.extend(book.config.holders(role).into_iter().map(str::to_owned));
    }
    keys.push(owner.to_owned());
    keys.sort();
    keys.dedup();
    keys.retain(|k| book.config.people.contains_key(k));
    keys
}

/// The people of [`concerned`], with their names and emails.
pub(super) fn attendees(
    book: &Book<'_>,
    order: &Order,
    role: &str,
    notify: &[String],
) -> Vec<Invited> {
    let keys = concerned(book, &order.owner, role, notify);
    let mut seen = BTreeMap::new();
    for key in keys {
        if let Some(person) = book.config.people.get(&key) {
            seen.entry(key.clone()).or_insert_with(|| Invited {
                key,
                name: person.name.clone(),
                email: person.email.clone(),
            });
        }
    }
    seen.into_values().collect()
}
